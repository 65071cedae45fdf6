import type { Socket } from 'socket.io-client';
import { startChatInfra, startChatInstance, type ChatInfra, type ChatInstance } from './support/chat-app';
import {
  chatApi,
  closeAllSockets,
  collect,
  connect,
  emitAck,
  newUser,
  until,
  type ChatUser,
} from './support/chat-users';
import { readModelEvents } from './support/read-model-events';
import { eventually } from '@prodvor/testing';

/** Socket.IO's EVENT packet type, as the client's manager sees every decoded packet. */
const EVENT_PACKET = 2;

describe('connection state recovery waits for a verified token', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  let events: Awaited<ReturnType<typeof readModelEvents>>;
  let api: ReturnType<typeof chatApi>;

  beforeAll(async () => {
    infra = await startChatInfra();
    chat = await startChatInstance(infra);
    events = await readModelEvents(infra.kafka);
    api = chatApi(chat.app);
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await events?.stop();
    await chat?.close();
    await infra?.stop();
  });

  /** A team room with a member connected in it (recoverable: it has received one message) and a sender. */
  async function recoverableMember() {
    const [captain, player] = await Promise.all([newUser(infra.idp), newUser(infra.idp)]);
    const roomId = await events.createTeam(captain.id, [player.id]);
    await eventually(async () => (await api(player, 'GET', `/api/v1/chat/rooms/${roomId}`)).statusCode === 200);
    const [member, sender] = await Promise.all([connect(chat.url, player.token), connect(chat.url, captain.token)]);
    await emitAck(member, 'room:join', { roomId });
    const first = collect<{ text: string }>(member, 'message');
    await emitAck(sender, 'message:send', { roomId, clientMessageId: 'before', text: 'before' });
    await until(() => first.length === 1, 10_000, 'first message');
    return { roomId, captain, player, member, sender };
  }

  /** Cuts the transport (a recoverable disconnect), then sends a message the member misses. */
  async function missOne(member: Socket, sender: Socket, roomId: string, text: string): Promise<void> {
    const gone = new Promise<void>((resolve) => member.once('disconnect', () => resolve()));
    member.io.engine.close();
    await gone;
    await emitAck(sender, 'message:send', { roomId, clientMessageId: text, text });
    // Give the fan-out time to broadcast it while the member is away (it is kept for recovery).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  }

  /** Reconnects with `token`, returning the EVENT packets the connection got and how the handshake ended. */
  async function reconnect(member: Socket, token: string) {
    const packets: unknown[] = [];
    member.io.on('packet', (packet: { type: number; data?: unknown }) => {
      if (packet.type === EVENT_PACKET) packets.push(packet.data);
    });
    member.auth = { token };
    const outcome = new Promise<{ ok: true } | { ok: false; code: unknown }>((resolve) => {
      member.once('connect', () => resolve({ ok: true }));
      member.once('connect_error', (error: Error & { data?: { code?: unknown } }) =>
        resolve({ ok: false, code: error.data?.code }),
      );
    });
    member.connect();
    const result = await outcome;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { result, packets };
  }

  it('refuses a recoverable session id with an invalid or expired token, sending it nothing', async () => {
    for (const bad of ['not-a-token', 'expired'] as const) {
      const { roomId, player, member, sender } = await recoverableMember();
      await missOne(member, sender, roomId, `missed-${bad}`);
      const token = bad === 'expired' ? await infra.idp.expiredToken({ sub: player.id }) : bad;
      const { result, packets } = await reconnect(member, token);
      expect(result).toEqual({ ok: false, code: bad === 'expired' ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED' });
      expect(packets).toEqual([]);
    }
  });

  it('restores rooms and missed messages for a fresh token of the same user, and nothing for another user', async () => {
    const own = await recoverableMember();
    await missOne(own.member, own.sender, own.roomId, 'missed-own');
    const fresh = await infra.idp.mintToken({ sub: own.player.id });
    const restored = await reconnect(own.member, fresh);
    expect(restored.result).toEqual({ ok: true });
    expect(own.member.recovered).toBe(true);
    expect(JSON.stringify(restored.packets)).toContain('missed-own');
    const live = collect<{ text: string }>(own.member, 'message');
    await emitAck(own.sender, 'message:send', { roomId: own.roomId, clientMessageId: 'live', text: 'live again' });
    await until(() => live.some((m) => m.text === 'live again'), 10_000, 'live message');

    // Someone else's valid token presented with this session id: a fresh connection, none of the rooms.
    const other = await recoverableMember();
    await missOne(other.member, other.sender, other.roomId, 'missed-other');
    const intruder: ChatUser = await newUser(infra.idp);
    const stolen = await reconnect(other.member, intruder.token);
    expect(stolen.result).toEqual({ ok: true });
    expect(JSON.stringify(stolen.packets)).not.toContain('missed-other');
    const after = collect<{ text: string }>(other.member, 'message');
    await emitAck(other.sender, 'message:send', { roomId: other.roomId, clientMessageId: 'x', text: 'not for you' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(after).toEqual([]);
  });
});
