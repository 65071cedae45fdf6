import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import type { Actor } from '../common/actor';
import type { TokenBucket, ViolationCounter } from './token-bucket';

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

/** Rooms the socket joined, without its own id room. */
export function joinedRooms(socket: ChatSocket): string[] {
  return [...socket.rooms].filter((room) => room !== socket.id);
}
