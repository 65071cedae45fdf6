import { DomainError } from '@prodvor/platform';

export const RoleErrorCode = {
  USER_NOT_FOUND: 'USER_NOT_FOUND',
  SELF_CHANGE: 'ROLE_SELF_CHANGE',
} as const;

export const RoleErrors = {
  userNotFound: () => new DomainError(RoleErrorCode.USER_NOT_FOUND, 404, 'User not found'),
  selfChange: () => new DomainError(RoleErrorCode.SELF_CHANGE, 422, 'Admins cannot change their own roles'),
};
