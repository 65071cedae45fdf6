/** A period when a pitch can host matches (ISO-8601 UTC instants). */
export interface PitchWindow {
  venueId: string;
  pitchId: string;
  start: string;
  end: string;
}

/** What the scheduler needs to know about a fixture. Teams may be unknown for later knockout rounds. */
export interface SchedulableFixture {
  id: string;
  round: number;
  homeTeamId?: string | null;
  awayTeamId?: string | null;
  /** Matches whose results decide this fixture's teams: it starts after they end plus rest. */
  dependsOn?: readonly string[];
}

export interface ScheduleOptions {
  matchMinutes: number;
  /** Pitch turnover after each match (the pitch stays busy, teams are free). */
  bufferMinutes: number;
  /** Minimum time between the end of a team's match and the start of its next one. */
  minRestMinutes: number;
  /** 'strict': no match of round r starts before every scheduled match of earlier rounds has ended. */
  roundOrder: 'strict' | 'free';
  /** Spacing of candidate kick-off times inside a window; defaults to match + buffer. */
  slotStepMinutes?: number;
}

export interface ScheduledMatch {
  fixtureId: string;
  venueId: string;
  pitchId: string;
  start: string;
  /** End of play (buffer not included). */
  end: string;
}

export type ScheduleRefusal =
  'TEAM_BUSY' | 'PITCH_BUSY' | 'REST_TOO_SHORT' | 'OUTSIDE_WINDOW' | 'ROUND_ORDER' | 'UNKNOWN_FIXTURE';

export interface UnscheduledFixture {
  fixtureId: string;
  reason: 'NO_CAPACITY' | 'DEPENDENCY_UNSCHEDULED';
}

export interface ScheduleResult {
  scheduled: ScheduledMatch[];
  unscheduled: UnscheduledFixture[];
}

export type SlotCheck =
  { ok: true } | { ok: false; reason: ScheduleRefusal; conflictingFixtureId?: string; detail: string };

export const MINUTE = 60_000;
