import { DomainError } from '@prodvor/platform';

export const TeamErrorCode = {
  NOT_FOUND: 'TEAM_NOT_FOUND',
  ARCHIVED: 'TEAM_ARCHIVED',
  NOT_CAPTAIN: 'TEAM_NOT_CAPTAIN',
  NOT_MANAGER: 'TEAM_NOT_MANAGER',
  NOT_RECRUITING: 'TEAM_NOT_RECRUITING',
  FORMAT_TOO_SMALL: 'TEAM_FORMAT_TOO_SMALL',
  IDEMPOTENCY_KEY_REUSED: 'TEAM_IDEMPOTENCY_KEY_REUSED',
} as const;

export const TeamErrors = {
  notFound: () => new DomainError(TeamErrorCode.NOT_FOUND, 404, 'Team not found'),
  archived: () => new DomainError(TeamErrorCode.ARCHIVED, 409, 'Team is archived'),
  notCaptain: () => new DomainError(TeamErrorCode.NOT_CAPTAIN, 403, 'Only the captain may do this'),
  notManager: () => new DomainError(TeamErrorCode.NOT_MANAGER, 403, 'Only the captain or a vice-captain may do this'),
  notRecruiting: () => new DomainError(TeamErrorCode.NOT_RECRUITING, 422, 'Team is not recruiting'),
  formatTooSmall: (limit: number) =>
    new DomainError(TeamErrorCode.FORMAT_TOO_SMALL, 422, `The roster is larger than this format allows (${limit})`),
  idempotencyKeyReused: () =>
    new DomainError(
      TeamErrorCode.IDEMPOTENCY_KEY_REUSED,
      422,
      'Idempotency-Key was already used for a different request',
    ),
};
