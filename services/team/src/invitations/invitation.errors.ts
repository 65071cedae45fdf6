import { DomainError } from '@prodvor/platform';

export const InvitationErrorCode = {
  NOT_FOUND: 'INVITATION_NOT_FOUND',
  ALREADY_PENDING: 'INVITATION_ALREADY_PENDING',
  NOT_PENDING: 'INVITATION_NOT_PENDING',
  EXPIRED: 'INVITATION_EXPIRED',
  CODE_NOT_FOUND: 'INVITE_CODE_NOT_FOUND',
  CODE_EXPIRED: 'INVITE_CODE_EXPIRED',
  CODE_REVOKED: 'INVITE_CODE_REVOKED',
  CODE_USED_UP: 'INVITE_CODE_USED_UP',
} as const;

export const InvitationErrors = {
  notFound: () => new DomainError(InvitationErrorCode.NOT_FOUND, 404, 'Invitation not found'),
  alreadyPending: () =>
    new DomainError(InvitationErrorCode.ALREADY_PENDING, 409, 'This user already has a pending invitation'),
  notPending: (status: string) =>
    new DomainError(InvitationErrorCode.NOT_PENDING, 409, `Invitation is already ${status}`),
  expired: () => new DomainError(InvitationErrorCode.EXPIRED, 410, 'Invitation has expired'),
  codeNotFound: () => new DomainError(InvitationErrorCode.CODE_NOT_FOUND, 404, 'Invite code not found'),
  codeExpired: () => new DomainError(InvitationErrorCode.CODE_EXPIRED, 410, 'Invite code has expired'),
  codeRevoked: () => new DomainError(InvitationErrorCode.CODE_REVOKED, 410, 'Invite code was revoked'),
  codeUsedUp: () => new DomainError(InvitationErrorCode.CODE_USED_UP, 410, 'Invite code has no uses left'),
};
