import { DomainError } from '@prodvor/platform';

export const RegistrationErrorCode = {
  NOT_FOUND: 'REGISTRATION_NOT_FOUND',
  NOT_CAPTAIN: 'REGISTRATION_NOT_CAPTAIN',
  UNKNOWN_TEAM: 'REGISTRATION_UNKNOWN_TEAM',
  CLOSED: 'REGISTRATION_CLOSED',
  ALREADY_REGISTERED: 'REGISTRATION_ALREADY_REGISTERED',
  FULL: 'REGISTRATION_FULL',
  INVALID_STATE: 'REGISTRATION_INVALID_STATE',
  CHECK_IN_CLOSED: 'REGISTRATION_CHECK_IN_CLOSED',
  INVITE_REQUIRED: 'REGISTRATION_INVITE_REQUIRED',
} as const;

export const RegistrationErrors = {
  notFound: () => new DomainError(RegistrationErrorCode.NOT_FOUND, 404, 'The team is not registered'),
  notCaptain: () => new DomainError(RegistrationErrorCode.NOT_CAPTAIN, 403, 'Only the captain of the team may do this'),
  unknownTeam: () =>
    new DomainError(
      RegistrationErrorCode.UNKNOWN_TEAM,
      422,
      'The team is unknown to tournaments or archived (a team created a moment ago is known within seconds: retry)',
    ),
  closed: () => new DomainError(RegistrationErrorCode.CLOSED, 409, 'Registration is not open'),
  alreadyRegistered: () =>
    new DomainError(RegistrationErrorCode.ALREADY_REGISTERED, 409, 'The team is already registered'),
  full: (max: number) =>
    new DomainError(RegistrationErrorCode.FULL, 409, `The tournament already has ${max} approved teams`),
  invalidState: (detail: string) => new DomainError(RegistrationErrorCode.INVALID_STATE, 409, detail),
  inviteRequired: () =>
    new DomainError(
      RegistrationErrorCode.INVITE_REQUIRED,
      403,
      "A private tournament takes a team only with the organizer's invite code",
    ),
  checkInClosed: () =>
    new DomainError(RegistrationErrorCode.CHECK_IN_CLOSED, 409, 'Check-in is open in the 48 hours before the start'),
};
