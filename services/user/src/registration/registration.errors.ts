import { DomainError, type FieldError } from '@prodvor/platform';

export const RegistrationErrorCode = {
  /** Usernames are public (profiles list them), so a taken one may be said. A taken e-mail never is. */
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  WEAK_PASSWORD: 'USER_WEAK_PASSWORD',
} as const;

export const RegistrationErrors = {
  usernameTaken: () => new DomainError(RegistrationErrorCode.USERNAME_TAKEN, 409, 'This username is taken'),
  weakPassword: (errors: FieldError[]) =>
    new DomainError(RegistrationErrorCode.WEAK_PASSWORD, 400, 'Password does not meet the policy', errors),
};
