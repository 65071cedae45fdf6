import { DomainError } from '@prodvor/platform';

export const MemberErrorCode = {
  NOT_FOUND: 'TEAM_MEMBER_NOT_FOUND',
  ALREADY_MEMBER: 'TEAM_ALREADY_MEMBER',
  ROSTER_FULL: 'TEAM_ROSTER_FULL',
  SHIRT_NUMBER_TAKEN: 'TEAM_SHIRT_NUMBER_TAKEN',
  CANNOT_REMOVE_CAPTAIN: 'TEAM_CANNOT_REMOVE_CAPTAIN',
  CAPTAIN_MUST_TRANSFER: 'TEAM_CAPTAIN_MUST_TRANSFER',
  USE_CAPTAIN_TRANSFER: 'TEAM_USE_CAPTAIN_TRANSFER',
  CAPTAINCY_TO_SELF: 'TEAM_CAPTAINCY_TO_SELF',
} as const;

export const MemberErrors = {
  notFound: () => new DomainError(MemberErrorCode.NOT_FOUND, 404, 'Not a member of this team'),
  alreadyMember: () => new DomainError(MemberErrorCode.ALREADY_MEMBER, 409, 'Already a member of this team'),
  rosterFull: (limit: number) =>
    new DomainError(MemberErrorCode.ROSTER_FULL, 422, `The roster is full (${limit} players for this format)`),
  shirtNumberTaken: () =>
    new DomainError(MemberErrorCode.SHIRT_NUMBER_TAKEN, 409, 'Another member already wears this number'),
  cannotRemoveCaptain: () =>
    new DomainError(MemberErrorCode.CANNOT_REMOVE_CAPTAIN, 403, 'The captain cannot be removed from the team'),
  captainMustTransfer: () =>
    new DomainError(MemberErrorCode.CAPTAIN_MUST_TRANSFER, 422, 'Transfer the captaincy before leaving the team'),
  useCaptainTransfer: () =>
    new DomainError(MemberErrorCode.USE_CAPTAIN_TRANSFER, 422, 'The captain changes only through a captaincy transfer'),
  captaincyToSelf: () =>
    new DomainError(MemberErrorCode.CAPTAINCY_TO_SELF, 422, 'The captaincy goes to another member, not to the captain'),
};
