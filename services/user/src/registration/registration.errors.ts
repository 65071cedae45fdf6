import { DomainError, type FieldError } from '@prodvor/platform';

export const RegistrationErrorCode = {
  ALREADY_EXISTS: 'USER_ALREADY_EXISTS',
  WEAK_PASSWORD: 'USER_WEAK_PASSWORD',
} as const;

export const RegistrationErrors = {
  alreadyExists: () =>
    new DomainError(
      RegistrationErrorCode.ALREADY_EXISTS,
      409,
      'An account with this username or e-mail already exists',
    ),
  weakPassword: (errors: FieldError[]) =>
    new DomainError(RegistrationErrorCode.WEAK_PASSWORD, 400, 'Password does not meet the policy', errors),
};
