import { Injectable, Logger } from '@nestjs/common';
import { atLeast } from '../rooms/room-access';
import { RoomAccessService, type MembershipChange } from '../rooms/room-access.service';
import {
  chatRoomsOf,
  joinedRooms,
  membersChannel,
  type ChatServer,
  type ChatSocket,
  type SocketData,
} from './socket-state';

/** Sessions kept for recovery are dropped by the adapter after this long; so is our reference to them. */
const MAX_DISCONNECTION_MS = 2 * 60_000;

type Reach = 'none' | 'reader' | 'member';

interface PendingRecovery {
  pid: string;
  offset: string;
  at: number;
}

/**
 * Takes sockets out of rooms their user may no longer read (and out of members channels when they are no
 * longer members): on every membership change (this instance's or one announced by another instance) and
 * when a session is recovered. A socket taken out of a room gets `room:removed { roomId }`. When access
 * cannot be decided (database down) the socket leaves too: it may join again, which checks access.
 */
@Injectable()
export class RoomEvictions {
  private readonly logger = new Logger(RoomEvictions.name);
  /** Recovered sessions (by socket id) whose rooms and missed packets wait for a verified token. */
  private readonly pending = new Map<string, PendingRecovery>();
  private restoreOriginal?: ChatAdapter['restoreSession'];
  private readonly persisted = new Map<string, { session: PersistedSession; at: number }>();

  constructor(private readonly access: RoomAccessService) {}

  watch(io: ChatServer): void {
    this.access.onMembershipChanged((change) => {
      this.onChange(io, change).catch((error: unknown) =>
        this.logger.error({ err: error }, 'sockets not re-checked after a membership change'),
      );
    });
    this.deferSessionRestore(io);
  }

  /** Makes `socket` leave those of `rooms` its user may not read, and members channels it may no longer be in. */
  async recheck(socket: ChatSocket, rooms: string[]): Promise<string[]> {
    const left: string[] = [];
    for (const roomId of rooms) {
      const reach = await this.reachOf(socket.data, roomId);
      if (reach !== 'member' && socket.rooms.has(membersChannel(roomId))) await socket.leave(membersChannel(roomId));
      if (reach !== 'none' || !socket.rooms.has(roomId)) continue;
      await socket.leave(roomId);
      socket.emit('room:removed', { roomId });
      left.push(roomId);
    }
    return left;
  }

  /**
   * Completes connection state recovery once the auth middleware has verified the new token: the session's
   * rooms are checked with the new identity (only the user who owned the session gets them back), then
   * joined, and the packets missed in them are replayed.
   */
  async completeRecovery(socket: ChatSocket): Promise<void> {
    const pending = this.pending.get(socket.id);
    this.pending.delete(socket.id);
    const entry = pending ? this.persisted.get(pending.pid) : undefined;
    if (!pending || !entry || !this.restoreOriginal) return;
    const { session } = entry;
    const owner = (session.data as Partial<SocketData> | undefined)?.actor?.userId;
    if (owner !== socket.data.actor.userId) return;
    const kept: string[] = [];
    for (const roomId of chatRoomsOf(session.rooms, session.sid)) {
      const reach = await this.reachOf(socket.data, roomId);
      if (reach !== 'none') kept.push(roomId);
      if (reach === 'member') kept.push(membersChannel(roomId));
    }
    if (!socket.connected) return;
    // The adapter picks the missed packets from the session's rooms: only those kept. Picking and joining
    // happen in one tick, so no packet falls between the replay and live delivery.
    session.rooms = kept;
    const restored = this.restoreOriginal(pending.pid, pending.offset);
    void socket.join(kept);
    const missed = (await restored)?.missedPackets ?? [];
    for (const packet of missed) {
      // The last element is the offset the packet had; emitting gives it a new one.
      const [event, ...args] = packet.slice(0, -1);
      if (typeof event === 'string') socket.emit(event, ...args);
    }
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
   * Socket.IO restores a session's rooms, data and missed packets while creating the socket, before any
   * middleware runs: a stale session id with an invalid token would be sent the packets before it is refused.
   * So the adapter's answer is held back here: the socket is recovered (same id) with no rooms, no data and
   * no packets, and {@link completeRecovery} restores the rest after the handshake token was verified.
   */
  private deferSessionRestore(io: ChatServer): void {
    const adapter = io.of('/').adapter;
    const persist = adapter.persistSession.bind(adapter);
    const restore = adapter.restoreSession.bind(adapter);
    this.restoreOriginal = restore;
    adapter.persistSession = (session) => {
      const now = Date.now();
      for (const [pid, entry] of this.persisted) if (now - entry.at > MAX_DISCONNECTION_MS) this.persisted.delete(pid);
      this.persisted.set(session.pid, { session, at: now });
      persist(session);
    };
    adapter.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      if (!session) return session;
      const now = Date.now();
      for (const [sid, entry] of this.pending) if (now - entry.at > MAX_DISCONNECTION_MS) this.pending.delete(sid);
      this.pending.set(session.sid, { pid, offset, at: now });
      return { ...session, rooms: [], data: {}, missedPackets: [] };
    };
  }

  private async reachOf(data: Pick<SocketData, 'actor'>, roomId: string): Promise<Reach> {
    try {
      const grant = await this.access.grant(data.actor, roomId);
      if (!grant || !atLeast(grant.access, 'read')) return 'none';
      return grant.member ? 'member' : 'reader';
    } catch (error) {
      this.logger.warn({ err: error, roomId }, 'room access not decided; the socket leaves the room');
      return 'none';
    }
  }
}

type ChatAdapter = ReturnType<ChatServer['of']>['adapter'];
type PersistedSession = Parameters<ChatAdapter['persistSession']>[0];
