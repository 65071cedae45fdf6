import type { PitchWindow, PointsRule, ScheduleOptions, StandingsRules, TieBreaker } from '../domain';
import type { Tournament } from '../generated/prisma/client';

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
  return tournament.rules as unknown as TournamentRules;
}

export function optionsOf(tournament: Pick<Tournament, 'options'>): FormatOptions {
  return tournament.options as unknown as FormatOptions;
}

export function venuesOf(tournament: Pick<Tournament, 'venues'>): Venue[] {
  return tournament.venues as unknown as Venue[];
}

export function lotsOf(tournament: Pick<Tournament, 'lots'>): RecordedLots {
  return tournament.lots as unknown as RecordedLots;
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
