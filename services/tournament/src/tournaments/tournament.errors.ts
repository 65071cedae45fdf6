import { DomainError } from '@prodvor/platform';

export const TournamentErrorCode = {
  NOT_FOUND: 'TOURNAMENT_NOT_FOUND',
  NOT_ORGANIZER: 'TOURNAMENT_NOT_ORGANIZER',
  INVALID_DATES: 'TOURNAMENT_INVALID_DATES',
  INVALID_TEAM_LIMITS: 'TOURNAMENT_INVALID_TEAM_LIMITS',
  INVALID_FORMAT_OPTIONS: 'TOURNAMENT_INVALID_FORMAT_OPTIONS',
  INVALID_VENUES: 'TOURNAMENT_INVALID_VENUES',
  LOCKED: 'TOURNAMENT_LOCKED',
  NOT_IN_PROGRESS: 'TOURNAMENT_NOT_IN_PROGRESS',
  IDEMPOTENCY_KEY_REUSED: 'TOURNAMENT_IDEMPOTENCY_KEY_REUSED',
} as const;

export const TournamentErrors = {
  notFound: () => new DomainError(TournamentErrorCode.NOT_FOUND, 404, 'Tournament not found'),
  notOrganizer: () =>
    new DomainError(TournamentErrorCode.NOT_ORGANIZER, 403, 'Only the organizer of this tournament may do this'),
  invalidDates: (detail: string) => new DomainError(TournamentErrorCode.INVALID_DATES, 422, detail),
  invalidTeamLimits: () =>
    new DomainError(TournamentErrorCode.INVALID_TEAM_LIMITS, 422, 'minTeams must not be greater than maxTeams'),
  invalidFormatOptions: (detail: string) => new DomainError(TournamentErrorCode.INVALID_FORMAT_OPTIONS, 422, detail),
  invalidVenues: (detail: string) => new DomainError(TournamentErrorCode.INVALID_VENUES, 422, detail),
  locked: (detail: string) => new DomainError(TournamentErrorCode.LOCKED, 409, detail),
  notInProgress: () =>
    new DomainError(TournamentErrorCode.NOT_IN_PROGRESS, 409, 'The tournament has no fixtures in play yet'),
  idempotencyKeyReused: () =>
    new DomainError(
      TournamentErrorCode.IDEMPOTENCY_KEY_REUSED,
      422,
      'Idempotency-Key was already used for a different request',
    ),
};
