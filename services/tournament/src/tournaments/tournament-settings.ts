import type { Bracket, PitchWindow, PointsRule, ScheduleOptions, StandingsRules, TieBreaker } from '../domain';
import type { SwissBye, Tournament } from './tournament.model';

/** Stored in `tournaments.rules`: how matches are played and how tables are ordered. */
export interface TournamentRules {
  points: PointsRule;
  matchMinutes: number;
  periods: number;
  bufferMinutes: number;
  minRestMinutes: number;
  /** How long the opposing captain has to confirm or dispute a reported result. */
  confirmWindowHours: number;
  /** The score awarded to the other team when a team forfeits (e.g. 3–0). */
  forfeitGoals: number;
  tieBreakers: TieBreaker[];
  reapplyHeadToHead: boolean;
}

/** Stored in `tournaments.options`: what the format needs beyond the teams. */
export interface FormatOptions {
  groupCount?: number;
  advancePerGroup?: number;
  /** groups_playoffs: how seeds fill the groups; 'rating' (any format) seeds by team rating (then snake). */
  seeding?: 'snake' | 'pots' | 'rating';
  /** Recorded seed of the pots draw, so the draw is reproducible. */
  drawSeed?: number;
  thirdPlace?: boolean;
  grandFinalReset?: boolean;
  swissRounds?: number;
}

export interface Pitch {
  id: string;
  name: string;
  windows: { start: string; end: string }[];
}

export interface Venue {
  id: string;
  name: string;
  address?: string;
  pitches: Pitch[];
}

/** Recorded drawing of lots per table key ('league' or the group name): team ids, best first. */
export type RecordedLots = Record<string, string[]>;

export function rulesOf(tournament: Pick<Tournament, 'rules'>): TournamentRules {
  return tournament.rules as TournamentRules;
}

export function optionsOf(tournament: Pick<Tournament, 'options'>): FormatOptions {
  return tournament.options as FormatOptions;
}

export function venuesOf(tournament: Pick<Tournament, 'venues'>): Venue[] {
  return tournament.venues as Venue[];
}

export function lotsOf(tournament: Pick<Tournament, 'lots'>): RecordedLots {
  return tournament.lots as RecordedLots;
}

export function bracketOf(tournament: Pick<Tournament, 'bracket'>): Bracket | null {
  return tournament.bracket as Bracket | null;
}

export function swissByesOf(tournament: Pick<Tournament, 'swissByes'>): SwissBye[] {
  return tournament.swissByes as SwissBye[];
}

export function standingsRulesOf(tournament: Pick<Tournament, 'rules'>): StandingsRules {
  const rules = rulesOf(tournament);
  return { tieBreakers: rules.tieBreakers, reapplyHeadToHead: rules.reapplyHeadToHead, points: rules.points };
}

export function scheduleOptionsOf(tournament: Pick<Tournament, 'rules'>): ScheduleOptions {
  const rules = rulesOf(tournament);
  return {
    matchMinutes: rules.matchMinutes,
    bufferMinutes: rules.bufferMinutes,
    minRestMinutes: rules.minRestMinutes,
    roundOrder: 'strict',
  };
}

export function pitchWindowsOf(tournament: Pick<Tournament, 'venues'>): PitchWindow[] {
  return venuesOf(tournament).flatMap((venue) =>
    venue.pitches.flatMap((pitch) =>
      pitch.windows.map((w) => ({ venueId: venue.id, pitchId: pitch.id, start: w.start, end: w.end })),
    ),
  );
}
