import { DomainError } from '@prodvor/platform';

export const ProfileErrorCode = {
  NOT_FOUND: 'USER_NOT_FOUND',
  BIRTH_YEAR_IN_FUTURE: 'USER_BIRTH_YEAR_IN_FUTURE',
  DELETED: 'USER_DELETED',
} as const;

export const ProfileErrors = {
  notFound: () => new DomainError(ProfileErrorCode.NOT_FOUND, 404, 'User not found'),
  deleted: () => new DomainError(ProfileErrorCode.DELETED, 410, 'This account has been deleted'),
  birthYearInFuture: () =>
    new DomainError(ProfileErrorCode.BIRTH_YEAR_IN_FUTURE, 400, 'Birth year cannot be in the future', [
      { field: 'birthYear', message: 'must not be after the current year' },
    ]),
};
