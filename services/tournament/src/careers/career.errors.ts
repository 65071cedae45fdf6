import { DomainError } from '@prodvor/platform';

export const CareerErrorCode = {
  TEAM_NOT_FOUND: 'CAREER_TEAM_NOT_FOUND',
} as const;

export const CareerErrors = {
  teamNotFound: () => new DomainError(CareerErrorCode.TEAM_NOT_FOUND, 404, 'Team not found'),
};
