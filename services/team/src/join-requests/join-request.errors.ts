import { DomainError } from '@prodvor/platform';

export const JoinRequestErrorCode = {
  NOT_FOUND: 'JOIN_REQUEST_NOT_FOUND',
  ALREADY_PENDING: 'JOIN_REQUEST_ALREADY_PENDING',
  NOT_PENDING: 'JOIN_REQUEST_NOT_PENDING',
} as const;

export const JoinRequestErrors = {
  notFound: () => new DomainError(JoinRequestErrorCode.NOT_FOUND, 404, 'Join request not found'),
  alreadyPending: () =>
    new DomainError(JoinRequestErrorCode.ALREADY_PENDING, 409, 'A join request to this team is already pending'),
  notPending: (status: string) =>
    new DomainError(JoinRequestErrorCode.NOT_PENDING, 409, `Join request is already ${status}`),
};
