import { type CardRecord, fairPlayPoints } from './fair-play';
import { DEFAULT_POINTS, type MatchResult, type PointsRule, tabulate, type TableRow } from './table';

export type TieBreaker =
  | 'points'
  | 'goal_difference'
  | 'goals_for'
  | 'wins'
  | 'head_to_head_points'
  | 'head_to_head_goal_difference'
  | 'head_to_head_goals'
  | 'head_to_head_away_goals'
  | 'away_goals'
  | 'fair_play'
  | 'drawing_of_lots';

export interface StandingsRules {
  /** Applied in order; head-to-head criteria use a mini-league among exactly the teams still level. */
  tieBreakers: readonly TieBreaker[];
  /**
   * UEFA style: when a run of consecutive head-to-head criteria separates only some of the level
   * teams, the run starts again on the matches among the teams still level.
   */
  reapplyHeadToHead: boolean;
  points?: PointsRule;
}

/** The organizer's drawing of lots, recorded once so the table stays the same afterwards. */
export type Lots = { order: readonly string[] } | { seed: number };

export interface StandingsInput {
  teamIds: readonly string[];
  results: readonly MatchResult[];
  cards?: readonly CardRecord[];
  lots?: Lots;
}

export interface StandingsRow extends TableRow {
  position: number;
  fairPlay: number;
}

/**
 * One separation of teams that were level on every criterion before `criterion`: each team's value on
 * it (head-to-head criteria: the mini-league among the teams compared). Lots: the drawn position, 1 first.
 */
export interface TieBreakStep {
  criterion: TieBreaker;
  values: { teamId: string; value: number }[];
}

export interface Standings {
  rows: StandingsRow[];
  /** Groups of teams no criterion could separate (no lots recorded): the organizer must draw lots. */
  unresolvedTies: string[][];
  /** How each tie on the first criterion was broken, in the order the criteria were applied. */
  tieBreaks: TieBreakStep[];
}

const HEAD_TO_HEAD = new Set<TieBreaker>([
  'head_to_head_points',
  'head_to_head_goal_difference',
  'head_to_head_goals',
  'head_to_head_away_goals',
]);

/** Builds the ordered table. Pure and deterministic for the same input. */
export function computeStandings(input: StandingsInput, rules: StandingsRules): Standings {
  const pointsRule = rules.points ?? DEFAULT_POINTS;
  const table = tabulate(input.teamIds, input.results, pointsRule);
  const fairPlay = fairPlayPoints(input.cards ?? []);
  const unresolvedTies: string[][] = [];
  const tieBreaks: TieBreakStep[] = [];
  const ctx: RankContext = { input, rules, pointsRule, table, fairPlay, unresolvedTies, tieBreaks };
  const order = rank(ctx, [...input.teamIds], 0, null);
  const rows = order.map((teamId, i) => ({
    ...table.get(teamId)!,
    position: i + 1,
    fairPlay: fairPlay.get(teamId) ?? 0,
  }));
  return { rows, unresolvedTies, tieBreaks };
}

interface RankContext {
  input: StandingsInput;
  rules: StandingsRules;
  pointsRule: PointsRule;
  table: Map<string, TableRow>;
  fairPlay: Map<string, number>;
  unresolvedTies: string[][];
  tieBreaks: TieBreakStep[];
}

/**
 * Orders `teams` (all level on criteria before `index`). `miniLeagueOf` is the set the head-to-head
 * mini-league is computed on when head-to-head is not re-applied (FIFA: the teams that entered it).
 */
function rank(ctx: RankContext, teams: string[], index: number, miniLeagueOf: string[] | null): string[] {
  if (teams.length <= 1) return teams;
  const criteria = ctx.rules.tieBreakers;
  if (index >= criteria.length) return unresolved(ctx, teams);
  const criterion = criteria[index];
  if (criterion === 'drawing_of_lots') return drawLots(ctx, teams, index);

  const isH2H = HEAD_TO_HEAD.has(criterion);
  const leagueTeams = isH2H ? (ctx.rules.reapplyHeadToHead ? teams : (miniLeagueOf ?? teams)) : teams;
  const values = criterionValues(ctx, criterion, teams, leagueTeams);
  const buckets = partition(teams, values);
  const nextMini = isH2H ? leagueTeams : null;
  if (buckets.length === 1) return rank(ctx, teams, index + 1, nextMini);
  if (index > 0) ctx.tieBreaks.push({ criterion, values: teams.map((teamId, i) => ({ teamId, value: values[i] })) });

  let blockStart = index;
  while (isH2H && ctx.rules.reapplyHeadToHead && blockStart > 0 && HEAD_TO_HEAD.has(criteria[blockStart - 1])) {
    blockStart--;
  }
  return buckets.flatMap((bucket) =>
    isH2H && ctx.rules.reapplyHeadToHead ? rank(ctx, bucket, blockStart, null) : rank(ctx, bucket, index + 1, nextMini),
  );
}

function criterionValues(ctx: RankContext, criterion: TieBreaker, teams: string[], leagueTeams: string[]): number[] {
  const mini = HEAD_TO_HEAD.has(criterion) ? miniLeague(ctx, leagueTeams) : ctx.table;
  return teams.map((teamId) => {
    const row = mini.get(teamId)!;
    switch (criterion) {
      case 'points':
      case 'head_to_head_points':
        return row.points;
      case 'goal_difference':
      case 'head_to_head_goal_difference':
        return row.goalDifference;
      case 'goals_for':
      case 'head_to_head_goals':
        return row.goalsFor;
      case 'away_goals':
      case 'head_to_head_away_goals':
        return row.awayGoals;
      case 'wins':
        return row.won;
      case 'fair_play':
        return ctx.fairPlay.get(teamId) ?? 0;
      case 'drawing_of_lots':
        return 0;
    }
  });
}

function miniLeague(ctx: RankContext, teams: string[]): Map<string, TableRow> {
  const members = new Set(teams);
  const among = ctx.input.results.filter((r) => members.has(r.homeTeamId) && members.has(r.awayTeamId));
  return tabulate(teams, among, ctx.pointsRule);
}

/** Splits teams into groups of equal value, best (highest) first, keeping input order inside a group. */
function partition(teams: string[], values: number[]): string[][] {
  const distinct = [...new Set(values)].sort((a, b) => b - a);
  return distinct.map((v) => teams.filter((_, i) => values[i] === v));
}

function drawLots(ctx: RankContext, teams: string[], index: number): string[] {
  const lots = ctx.input.lots;
  let drawn: string[] | null = null;
  if (lots && 'order' in lots && teams.every((t) => lots.order.includes(t))) {
    drawn = [...teams].sort((a, b) => lots.order.indexOf(a) - lots.order.indexOf(b));
  } else if (lots && 'seed' in lots) {
    const key = (t: string) => hash(`${lots.seed}:${t}`);
    drawn = [...teams].sort((a, b) => key(a) - key(b) || a.localeCompare(b));
  }
  if (!drawn) return unresolved(ctx, teams);
  if (index > 0)
    ctx.tieBreaks.push({ criterion: 'drawing_of_lots', values: drawn.map((teamId, i) => ({ teamId, value: i + 1 })) });
  return drawn;
}

function unresolved(ctx: RankContext, teams: string[]): string[] {
  const sorted = [...teams].sort();
  ctx.unresolvedTies.push(sorted);
  return sorted;
}

/** FNV-1a: a stable, platform-independent ordering key for seeded lots. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
