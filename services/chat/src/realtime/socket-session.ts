import { Inject, Injectable, Logger } from '@nestjs/common';
import { actorOf, AppConfig, Clock, TokenVerifier } from '@prodvor/platform';
import { z } from 'zod';
import type { ChatConfig } from '../config/chat.config';
import { MatchFeedService } from '../match-feed/match-feed.service';
import { MessageErrors } from '../messages/message.errors';
import { MessageSenderService } from '../messages/message-sender.service';
import { MessagesService } from '../messages/messages.service';
import { SendStateStore } from '../messages/send-state.store';
import { sendMessageSchema } from '../messages/send-message.schema';
import { ReadReceiptsService } from '../receipts/read-receipts.service';
import { RoomErrors } from '../rooms/room.errors';
import { RoomAccessService } from '../rooms/room-access.service';
import { EphemeralBus } from './ephemeral-bus';
import { PresenceService } from './presence.service';
import { SocketErrors, toSocketError } from './socket-errors';
import { joinedRooms, memberRooms, membersChannel, type ChatSocket } from './socket-state';
import { TokenBucket, ViolationCounter } from './token-bucket';

const uuid = z.string().uuid();
const roomPayload = z.object({ roomId: uuid }).strict();
const historyPayload = z
  .object({
    roomId: uuid,
    cursor: z.string().max(1024).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    q: z.string().min(1).max(200).optional(),
  })
  .strict();
const readPayload = z.object({ roomId: uuid, messageId: uuid }).strict();
const typingPayload = z.object({ roomId: uuid, typing: z.boolean() }).strict();
const refreshPayload = z.object({ token: z.string().min(1).max(8192) }).strict();

type Ack = (answer: Record<string, unknown>) => void;

/**
 * The events one connection may send. Every event takes a token from the socket's event bucket first.
 * Every refused event answers `{ ok: false, error }` in its ack and an `error` event; a socket that keeps
 * misbehaving (rate, invalid payloads) is disconnected.
 */
@Injectable()
export class SocketSession {
  private readonly logger = new Logger(SocketSession.name);
  private readonly sendSchema;

  constructor(
    private readonly access: RoomAccessService,
    private readonly sender: MessageSenderService,
    private readonly messages: MessagesService,
    private readonly receipts: ReadReceiptsService,
    private readonly matchFeed: MatchFeedService,
    private readonly presence: PresenceService,
    private readonly bus: EphemeralBus,
    private readonly sendState: SendStateStore,
    private readonly verifier: TokenVerifier,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig<ChatConfig>,
  ) {
    this.sendSchema = sendMessageSchema({
      maxLength: config.get('CHAT_MESSAGE_MAX_LENGTH'),
      maxAttachments: config.get('CHAT_MAX_ATTACHMENTS'),
    });
  }

  attach(socket: ChatSocket): void {
    const now = this.clock.now().getTime();
    socket.data.events = new TokenBucket(
      this.config.get('CHAT_SOCKET_EVENTS_PER_SECOND'),
      now,
      this.config.get('CHAT_SOCKET_EVENTS_BURST'),
    );
    socket.data.sends = new TokenBucket(this.config.get('CHAT_SOCKET_SENDS_PER_SECOND'), now);
    socket.data.typing = new TokenBucket(2, now);
    socket.data.violations = new ViolationCounter(this.config.get('CHAT_SOCKET_MAX_VIOLATIONS'), now);
    this.scheduleExpiry(socket);

    this.on(socket, 'room:join', (payload) => this.join(socket, payload));
    this.on(socket, 'room:leave', async (payload) => {
      const { roomId } = roomPayload.parse(payload);
      await socket.leave(roomId);
      await socket.leave(membersChannel(roomId));
      return {};
    });
    this.on(socket, 'message:send', async (payload) => {
      if (!socket.data.sends!.take(this.clock.now().getTime())) throw MessageErrors.rateLimited();
      return this.sender.send(socket.data.actor, this.sendSchema.parse(payload));
    });
    this.on(socket, 'messages:history', async (payload) => {
      const { roomId, ...query } = historyPayload.parse(payload);
      return this.messages.history(socket.data.actor, roomId, query);
    });
    this.on(socket, 'messages:read', async (payload) => {
      const { roomId, messageId } = readPayload.parse(payload);
      return this.receipts.markRead(socket.data.actor, roomId, messageId);
    });
    this.on(socket, 'typing', async (payload) => {
      const { roomId, typing } = typingPayload.parse(payload);
      if (!socket.rooms.has(roomId)) throw RoomErrors.notFound();
      // Typing announces a message to come: only those who may send it (not spectators, not the muted).
      await this.access.require(socket.data.actor, roomId, 'write');
      const mutedUntil = await this.sendState.mutedUntil(roomId, socket.data.actor.userId);
      if (mutedUntil) throw MessageErrors.muted(mutedUntil);
      if (!socket.data.typing!.take(this.clock.now().getTime())) return {};
      this.bus.publish({
        kind: 'typing',
        rooms: [roomId],
        payload: { roomId, userId: socket.data.actor.userId, typing },
      });
      return {};
    });
    this.on(socket, 'auth:refresh', async (payload) => {
      const user = await this.verifier.verify(refreshPayload.parse(payload).token);
      if (user.id !== socket.data.actor.userId) throw SocketErrors.tokenSubjectMismatch();
      socket.data.actor = actorOf(user, socket.data.actor.correlationId);
      socket.data.expiresAt = expiryOf(user.claims);
      this.scheduleExpiry(socket);
      return { expiresAt: new Date(socket.data.expiresAt).toISOString() };
    });
    socket.on('disconnecting', () => void this.leaving(socket, memberRooms(socket)));
    socket.on('disconnect', () => clearTimeout(socket.data.expiryTimer));
  }

  private async join(socket: ChatSocket, payload: unknown): Promise<Record<string, unknown>> {
    const { roomId } = roomPayload.parse(payload);
    const max = this.config.get('CHAT_MAX_ROOMS_PER_SOCKET');
    if (!socket.rooms.has(roomId) && joinedRooms(socket).length >= max) throw RoomErrors.tooManyRooms(max);
    const { room, access, member } = await this.access.require(socket.data.actor, roomId, 'read');
    await socket.join(member ? [room.id, membersChannel(room.id)] : room.id);
    const { userId } = socket.data.actor;
    if (member)
      this.bus.publish({
        kind: 'presence',
        rooms: [membersChannel(room.id)],
        payload: { userId, online: true, lastSeenAt: null },
      });
    const match = room.kind === 'match' ? await this.matchFeed.snapshot(room.id) : undefined;
    return { room: { id: room.id, kind: room.kind, title: room.title, access }, ...(match ? { match } : {}) };
  }

  /** `rooms`: the chat rooms the socket was a member of; spectators' comings and goings are not announced. */
  private async leaving(socket: ChatSocket, rooms: string[]): Promise<void> {
    const { userId } = socket.data.actor;
    try {
      if (!(await this.presence.disconnected(userId, socket.id))) return;
      const lastSeenAt = this.clock.now().toISOString();
      if (rooms.length)
        this.bus.publish({
          kind: 'presence',
          rooms: rooms.map(membersChannel),
          payload: { userId, online: false, lastSeenAt },
        });
    } catch (error) {
      this.logger.warn({ err: error }, 'presence not updated on disconnect');
    }
  }

  /**
   * When the access token lapses the server says `auth:expired` and closes the connection; the client
   * reconnects with a fresh token, and connection state recovery restores its rooms and missed messages.
   */
  private scheduleExpiry(socket: ChatSocket): void {
    clearTimeout(socket.data.expiryTimer);
    const grace = this.config.get('CHAT_TOKEN_GRACE_MS');
    const delay = Math.min(socket.data.expiresAt + grace - this.clock.now().getTime(), 2 ** 31 - 1);
    socket.data.expiryTimer = setTimeout(
      () => {
        socket.emit('auth:expired', { message: 'Access token expired: reconnect with a fresh token' });
        // A transport close, not a namespace disconnect: the client reconnects and its state is recoverable.
        setTimeout(() => socket.conn.close(), 50).unref();
      },
      Math.max(delay, 0),
    );
    socket.data.expiryTimer.unref();
  }

  private on(socket: ChatSocket, event: string, handle: (payload: unknown) => Promise<object>): void {
    socket.on(event, async (payload: unknown, ack?: unknown) => {
      const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
      try {
        if (!socket.data.events!.take(this.clock.now().getTime())) throw MessageErrors.rateLimited();
        reply({ ok: true, ...(await handle(payload)) });
      } catch (caught) {
        const error = toSocketError(caught);
        if (error.status >= 500) this.logger.error({ err: caught, event }, 'socket event failed');
        reply({ ok: false, error });
        socket.emit('error', { event, ...error });
        if (error.status < 500 && socket.data.violations!.record(this.clock.now().getTime())) {
          this.logger.warn({ userId: socket.data.actor.userId, event }, 'misbehaving socket disconnected');
          socket.disconnect(true);
        }
      }
    });
  }
}

export function expiryOf(claims: Record<string, unknown>): number {
  return typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now();
}
