import { DomainError } from '@prodvor/platform';

export const RatingErrorCode = {
  TEAM_NOT_FOUND: 'RATING_TEAM_NOT_FOUND',
} as const;

export const RatingErrors = {
  teamNotFound: () => new DomainError(RatingErrorCode.TEAM_NOT_FOUND, 404, 'Team not found'),
};
