import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import type { TokenBucket, ViolationCounter } from './token-bucket';
import type { Actor } from '@prodvor/platform';

/** What the server keeps per connection (`socket.data`); rebuilt by the auth middleware on recovery too. */
export interface SocketData {
  actor: Actor;
  /** Access token expiry (ms since epoch). */
  expiresAt: number;
  /** Every client event takes a token; sends also take one from `sends`. */
  events?: TokenBucket;
  sends?: TokenBucket;
  typing?: TokenBucket;
  violations?: ViolationCounter;
  expiryTimer?: NodeJS.Timeout;
}

export type ChatSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
export type ChatServer = Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

const MEMBERS_PREFIX = 'members:';
const USER_PREFIX = 'user:';

/** The Socket.IO room of one user's sockets (every connection joins its own): in-app notifications go there. */
export function userChannel(userId: string): string {
  return `${USER_PREFIX}${userId}`;
}

/**
 * The Socket.IO room of a chat room's members, joined beside the room itself by those whose grant says
 * `member`: presence and read signals go there, so spectators of a public room do not get them.
 */
export function membersChannel(roomId: string): string {
  return `${MEMBERS_PREFIX}${roomId}`;
}

/** Chat rooms (ids) among Socket.IO room names, without the socket's own id room, members and user channels. */
export function chatRoomsOf(rooms: Iterable<string>, socketId: string): string[] {
  return [...rooms].filter(
    (room) => room !== socketId && !room.startsWith(MEMBERS_PREFIX) && !room.startsWith(USER_PREFIX),
  );
}

/** Chat rooms the socket joined. */
export function joinedRooms(socket: ChatSocket): string[] {
  return chatRoomsOf(socket.rooms, socket.id);
}

/** Chat rooms the socket joined as a member. */
export function memberRooms(socket: ChatSocket): string[] {
  return joinedRooms(socket).filter((room) => socket.rooms.has(membersChannel(room)));
}
