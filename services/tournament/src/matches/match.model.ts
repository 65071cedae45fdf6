// What tournament-service's code knows of a match, its live events and its lineups. The repositories
// return these types (Prisma's rows satisfy them as they are), so no Prisma type leaves a repository.

export const MATCH_STATUSES = [
  /** a knockout match whose teams are not known yet */
  'pending',
  'scheduled',
  'live',
  'finished',
  'confirmed',
  'disputed',
  'forfeited',
  'postponed',
  'cancelled',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export interface Match {
  id: string;
  tournamentId: string;
  /** the domain's fixture id (e.g. "R3-2", "W1-4", "L2-1"), stable within a tournament */
  fixtureKey: string;
  stage: string;
  round: number;
  leg: number | null;
  groupName: string | null;
  position: number;
  homeTeamId: string | null;
  awayTeamId: string | null;
  status: MatchStatus;
  startsAt: Date | null;
  endsAt: Date | null;
  venueId: string | null;
  pitchId: string | null;
  refereeId: string | null;
  homeScore: number | null;
  awayScore: number | null;
  /** knockout matches level after play name the team that went through (e.g. on penalties) */
  winnerTeamId: string | null;
  homePenalties: number | null;
  awayPenalties: number | null;
  forfeitedBy: string | null;
  reportedBy: string | null;
  reportedAt: Date | null;
  confirmBy: Date | null;
  confirmedAt: Date | null;
  disputedBy: string | null;
  disputeReason: string | null;
  lastSequence: number;
  reminderSentAt: Date | null;
  version: number;
}

/** A match to create: its place in the structure; time, place and result come later. */
export type NewMatch = Pick<Match, 'id' | 'tournamentId' | 'fixtureKey' | 'stage' | 'round' | 'status'> &
  Partial<Pick<Match, 'leg' | 'groupName' | 'position' | 'homeTeamId' | 'awayTeamId' | 'refereeId'>>;

/** What a change to a match may set (the repository bumps `version` itself). */
export type MatchChanges = Partial<Omit<Match, 'id' | 'tournamentId' | 'fixtureKey' | 'version'>>;

/** Append-only: a correction is a new event that voids an earlier sequence. */
export interface MatchEvent {
  matchId: string;
  sequence: number;
  eventId: string;
  kind: string;
  minute: number;
  period: number;
  teamId: string | null;
  playerId: string | null;
  assistId: string | null;
  playerInId: string | null;
  ownGoal: boolean;
  penalty: boolean;
  correctsSequence: number | null;
  reason: string | null;
  recordedBy: string;
  recordedAt: Date;
  /** the recorder's Idempotency-Key: a retried request records the event once */
  idempotencyKey: string | null;
}

/** Who played for a team in a match (appearances and clean sheets for the leaderboards). */
export interface MatchLineup {
  matchId: string;
  playerId: string;
  teamId: string;
  goalkeeper: boolean;
}
