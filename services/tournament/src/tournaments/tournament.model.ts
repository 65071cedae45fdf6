import type { Bracket } from '../domain';
import type { FormatOptions, RecordedLots, TournamentRules, Venue } from './tournament-settings';

// What tournament-service's code knows of a tournament. The tournaments repository returns this type
// (Prisma's rows satisfy it as they are), so no Prisma type leaves a repository.

export const TOURNAMENT_STATUSES = ['registration', 'in_progress', 'finished', 'cancelled'] as const;
export type TournamentStatus = (typeof TOURNAMENT_STATUSES)[number];

/** A Swiss round's bye, which counts as a win in the Swiss table. */
export interface SwissBye {
  round: number;
  teamId: string;
}

export interface Tournament {
  id: string;
  organizerId: string;
  name: string;
  description: string | null;
  sportFormat: string;
  format: string;
  visibility: string;
  status: TournamentStatus;
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  checkInRequired: boolean;
  minTeams: number;
  maxTeams: number;
  // JSON columns, stored as written: read them through tournament-settings (rulesOf, optionsOf, …).
  /** {@link TournamentRules} */
  rules: unknown;
  /** {@link FormatOptions} */
  options: unknown;
  /** {@link Venue}[] */
  venues: unknown;
  /** {@link RecordedLots} */
  lots: unknown;
  /** the domain {@link Bracket} of elimination formats and of the playoff of groups + playoffs, or null */
  bracket: unknown;
  /** {@link SwissBye}[] */
  swissByes: unknown;
  idempotencyKey: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A tournament to create: it starts in registration, without lots, bracket or byes. */
export interface NewTournament {
  id: string;
  organizerId: string;
  name: string;
  description?: string | null;
  sportFormat: string;
  format: string;
  visibility: string;
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  checkInRequired?: boolean;
  minTeams: number;
  maxTeams: number;
  rules: TournamentRules;
  options?: FormatOptions;
  venues?: Venue[];
  idempotencyKey?: string | null;
}

/** What a change to a tournament may set; the JSON columns take their typed values. */
export interface TournamentChanges {
  name?: string;
  description?: string | null;
  visibility?: string;
  status?: TournamentStatus;
  startsAt?: Date;
  endsAt?: Date;
  registrationOpensAt?: Date;
  registrationClosesAt?: Date;
  checkInRequired?: boolean;
  minTeams?: number;
  maxTeams?: number;
  venues?: Venue[];
  lots?: RecordedLots;
  bracket?: Bracket;
  swissByes?: SwissBye[];
  updatedAt?: Date;
}
