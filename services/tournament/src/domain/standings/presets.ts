import { type StandingsRules } from './standings';

/** FIFA World Cup 2018 / 2022 group stage: overall record first, then head-to-head, fair play, lots. */
export const FIFA_WORLD_CUP_2018: StandingsRules = {
  tieBreakers: [
    'points',
    'goal_difference',
    'goals_for',
    'head_to_head_points',
    'head_to_head_goal_difference',
    'head_to_head_goals',
    'fair_play',
    'drawing_of_lots',
  ],
  reapplyHeadToHead: false,
};

export const FIFA_WORLD_CUP_2022 = FIFA_WORLD_CUP_2018;

/** UEFA group stages (Champions League 2021/22+, EURO 2016–2024): head-to-head before overall record. */
export const UEFA_GROUP_STAGE: StandingsRules = {
  tieBreakers: [
    'points',
    'head_to_head_points',
    'head_to_head_goal_difference',
    'head_to_head_goals',
    'goal_difference',
    'goals_for',
    'wins',
    'fair_play',
    'drawing_of_lots',
  ],
  reapplyHeadToHead: true,
};

/** UEFA Champions League group stage up to 2020/21: head-to-head away goals were still counted. */
export const UEFA_GROUP_STAGE_AWAY_GOALS: StandingsRules = {
  tieBreakers: [
    'points',
    'head_to_head_points',
    'head_to_head_goal_difference',
    'head_to_head_goals',
    'head_to_head_away_goals',
    'goal_difference',
    'goals_for',
    'away_goals',
    'wins',
    'fair_play',
    'drawing_of_lots',
  ],
  reapplyHeadToHead: true,
};

/** A simple default for amateur leagues. */
export const AMATEUR_DEFAULT: StandingsRules = {
  tieBreakers: ['points', 'goal_difference', 'goals_for', 'head_to_head_points', 'drawing_of_lots'],
  reapplyHeadToHead: false,
};

export const STANDINGS_PRESETS = {
  fifa_world_cup_2018: FIFA_WORLD_CUP_2018,
  fifa_world_cup_2022: FIFA_WORLD_CUP_2022,
  uefa_group_stage: UEFA_GROUP_STAGE,
  uefa_group_stage_away_goals: UEFA_GROUP_STAGE_AWAY_GOALS,
  amateur_default: AMATEUR_DEFAULT,
} as const;
