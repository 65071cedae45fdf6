import { DomainError } from '@prodvor/platform';

export const RoomErrorCode = {
  NOT_FOUND: 'CHAT_ROOM_NOT_FOUND',
  READ_ONLY: 'CHAT_ROOM_READ_ONLY',
  NOT_MEMBER: 'CHAT_NOT_MEMBER',
  NOT_MODERATOR: 'CHAT_NOT_MODERATOR',
  NOT_GROUP_OWNER: 'CHAT_NOT_GROUP_OWNER',
  NOT_A_GROUP: 'CHAT_NOT_A_GROUP',
  NOT_A_MATCH: 'CHAT_NOT_A_MATCH_ROOM',
  GROUP_FULL: 'CHAT_GROUP_FULL',
  DIRECT_WITH_SELF: 'CHAT_DIRECT_WITH_SELF',
  TOO_MANY_ROOMS: 'CHAT_TOO_MANY_ROOMS',
} as const;

export const RoomErrors = {
  /** Also for rooms the caller may not know exist. */
  notFound: () => new DomainError(RoomErrorCode.NOT_FOUND, 404, 'Room not found'),
  readOnly: () => new DomainError(RoomErrorCode.READ_ONLY, 403, 'You may read this room but not write to it'),
  notMember: () =>
    new DomainError(RoomErrorCode.NOT_MEMBER, 403, "Only the room's members see who is online and who read what"),
  notModerator: () => new DomainError(RoomErrorCode.NOT_MODERATOR, 403, 'Only a moderator of this room may do this'),
  notGroupOwner: () => new DomainError(RoomErrorCode.NOT_GROUP_OWNER, 403, 'Only the group owner may do this'),
  notAGroup: () => new DomainError(RoomErrorCode.NOT_A_GROUP, 422, 'This room is not a group conversation'),
  notAMatch: () => new DomainError(RoomErrorCode.NOT_A_MATCH, 422, 'This room is not a match room'),
  groupFull: (max: number) =>
    new DomainError(RoomErrorCode.GROUP_FULL, 422, `A group conversation has at most ${max} members`),
  directWithSelf: () =>
    new DomainError(RoomErrorCode.DIRECT_WITH_SELF, 422, 'A direct conversation needs another user'),
  tooManyRooms: (max: number) =>
    new DomainError(RoomErrorCode.TOO_MANY_ROOMS, 422, `A connection may join at most ${max} rooms`),
};
