import { DomainError } from '@prodvor/platform';

export const EmailVerificationErrorCode = {
  INVALID: 'EMAIL_VERIFICATION_INVALID',
  EXPIRED: 'EMAIL_VERIFICATION_EXPIRED',
  USED: 'EMAIL_VERIFICATION_USED',
  /** Only the holder of a link sent to the address sees it: it reveals nothing to anyone else. */
  EMAIL_IN_USE: 'EMAIL_IN_USE',
  ALREADY_VERIFIED: 'EMAIL_ALREADY_VERIFIED',
  NO_EMAIL: 'EMAIL_MISSING',
} as const;

export const EmailVerificationErrors = {
  /** Unknown token, or its account is gone. */
  invalid: () => new DomainError(EmailVerificationErrorCode.INVALID, 400, 'This verification link is not valid'),
  expired: () =>
    new DomainError(EmailVerificationErrorCode.EXPIRED, 410, 'This verification link has expired; ask for a new one'),
  used: () => new DomainError(EmailVerificationErrorCode.USED, 409, 'This verification link has already been used'),
  emailInUse: () =>
    new DomainError(EmailVerificationErrorCode.EMAIL_IN_USE, 409, 'This address belongs to another account'),
  alreadyVerified: () =>
    new DomainError(EmailVerificationErrorCode.ALREADY_VERIFIED, 409, 'Your e-mail address is already verified'),
  noEmail: () => new DomainError(EmailVerificationErrorCode.NO_EMAIL, 422, 'Your account has no e-mail address'),
};
