import { Injectable, Logger } from '@nestjs/common';
import { atLeast } from '../rooms/room-access';
import { RoomAccessService, type MembershipChange } from '../rooms/room-access.service';
import { joinedRooms, type ChatServer, type ChatSocket, type SocketData } from './socket-state';

/** Sessions kept for recovery are dropped by the adapter after this long; so is our reference to them. */
const MAX_DISCONNECTION_MS = 2 * 60_000;

/**
 * Takes sockets out of rooms their user may no longer read: on every membership change (this instance's
 * or one announced by another instance) and when connection state recovery restores a session's rooms.
 * A socket taken out gets `room:removed { roomId }`. When access cannot be decided (database down) the
 * socket leaves too: it may join again, which checks access.
 */
@Injectable()
export class RoomEvictions {
  private readonly logger = new Logger(RoomEvictions.name);

  constructor(private readonly access: RoomAccessService) {}

  watch(io: ChatServer): void {
    this.access.onMembershipChanged((change) => {
      this.onChange(io, change).catch((error: unknown) =>
        this.logger.error({ err: error }, 'sockets not re-checked after a membership change'),
      );
    });
    this.guardSessionRestore(io);
  }

  /** Makes `socket` leave those of `rooms` its user may not read; returns the rooms it left. */
  async recheck(socket: ChatSocket, rooms: string[]): Promise<string[]> {
    const left: string[] = [];
    for (const roomId of rooms) {
      if (await this.mayRead(socket.data, roomId)) continue;
      if (!socket.rooms.has(roomId)) continue;
      await socket.leave(roomId);
      socket.emit('room:removed', { roomId });
      left.push(roomId);
    }
    return left;
  }

  private async onChange(io: ChatServer, change: MembershipChange): Promise<void> {
    const everything = change.roomIds.length === 0 && change.userIds.length === 0;
    const users = new Set(change.userIds);
    const rooms = new Set(change.roomIds);
    for (const socket of io.of('/').sockets.values()) {
      const joined = joinedRooms(socket);
      const affected =
        everything || users.has(socket.data.actor.userId) ? joined : joined.filter((room) => rooms.has(room));
      if (affected.length) await this.recheck(socket, affected);
    }
  }

  /**
   * The in-memory adapter restores a session's rooms and replays the packets it missed in them before any
   * middleware or `connection` handler runs. So the rooms are filtered here, before the adapter picks the
   * missed packets: a room the user may no longer read is neither rejoined nor replayed.
   */
  private guardSessionRestore(io: ChatServer): void {
    const adapter = io.of('/').adapter;
    type Persisted = Parameters<typeof adapter.persistSession>[0];
    const persisted = new Map<string, { session: Persisted; at: number }>();
    const persist = adapter.persistSession.bind(adapter);
    const restore = adapter.restoreSession.bind(adapter);
    adapter.persistSession = (session) => {
      const now = Date.now();
      for (const [pid, entry] of persisted) if (now - entry.at > MAX_DISCONNECTION_MS) persisted.delete(pid);
      persisted.set(session.pid, { session, at: now });
      persist(session);
    };
    adapter.restoreSession = async (pid, offset) => {
      const entry = persisted.get(pid);
      if (entry) {
        const { session } = entry;
        const data = session.data as SocketData | undefined;
        const kept: string[] = [];
        for (const room of session.rooms) {
          if (room === session.sid || (data?.actor && (await this.mayRead(data, room)))) kept.push(room);
        }
        session.rooms = kept;
      }
      return restore(pid, offset);
    };
  }

  private async mayRead(data: Pick<SocketData, 'actor'>, roomId: string): Promise<boolean> {
    try {
      const grant = await this.access.grant(data.actor, roomId);
      return grant !== null && atLeast(grant.access, 'read');
    } catch (error) {
      this.logger.warn({ err: error, roomId }, 'room access not decided; the socket leaves the room');
      return false;
    }
  }
}
