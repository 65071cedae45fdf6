import { createEnvelope, Topics } from '@prodvor/contracts';
import { eventually, produce } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
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

describe('chat over Socket.IO', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  let events: Awaited<ReturnType<typeof readModelEvents>>;
  let api: ReturnType<typeof chatApi>;

  beforeAll(async () => {
    infra = await startChatInfra();
    chat = await startChatInstance(infra, {
      CHAT_SOCKET_SENDS_PER_SECOND: '5',
      CHAT_SOCKET_EVENTS_PER_SECOND: '10',
      CHAT_SOCKET_EVENTS_BURST: '20',
      CHAT_SOCKET_MAX_VIOLATIONS: '8',
      CHAT_MAX_ROOMS_PER_SOCKET: '3',
      CHAT_SOCKET_MAX_BUFFER_BYTES: '8192',
      CHAT_MESSAGE_MAX_LENGTH: '1000',
      CHAT_TOKEN_GRACE_MS: '0',
      CHAT_ACCESS_CACHE_MS: '0',
    });
    events = await readModelEvents(infra.kafka);
    api = chatApi(chat.app);
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await events?.stop();
    await chat?.close();
    await infra?.stop();
  });

  /** A team whose room exists in the read model: captain + players. */
  async function team(players = 2): Promise<{ id: string; captain: ChatUser; players: ChatUser[] }> {
    const captain = await newUser(infra.idp);
    const members = await Promise.all(Array.from({ length: players }, () => newUser(infra.idp)));
    const id = await events.createTeam(
      captain.id,
      members.map((m) => m.id),
    );
    await roomVisible(members[members.length - 1] ?? captain, id);
    return { id, captain, players: members };
  }

  /** Waits until the read model lets `user` see the room (membership arrives as events). */
  async function roomVisible(user: ChatUser, roomId: string): Promise<void> {
    await eventually(async () => (await api(user, 'GET', `/api/v1/chat/rooms/${roomId}`)).statusCode === 200);
  }

  it('refuses a handshake without a token, or with an expired, forged or foreign token', async () => {
    const refusals = [
      undefined,
      'not-a-jwt',
      await infra.idp.expiredToken(),
      await infra.idp.badSignatureToken(),
      await infra.idp.wrongIssuerToken(),
      infra.idp.unsignedToken(),
      infra.idp.hs256WithPublicKey(),
    ];
    const codes: string[] = [];
    for (const token of refusals) {
      const error = (await connect(chat.url, token).then(
        () => undefined,
        (e: unknown) => e,
      )) as { message: string; data?: { code: string } } | undefined;
      expect(error).toBeDefined();
      codes.push(error!.data?.code ?? 'none');
    }
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'TOKEN_EXPIRED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);
  });

  it('delivers a room’s messages to every member in send order, acknowledging each with its UUIDv7 id', async () => {
    const { id, captain, players } = await team(2);
    const [a, b, c] = await Promise.all([captain, ...players].map((u) => connect(chat.url, u.token)));
    for (const socket of [a, b, c]) expect((await emitAck(socket, 'room:join', { roomId: id })).ok).toBe(true);
    const atB = collect<{ id: string; text: string; senderId: string }>(b, 'message');
    const atC = collect<{ id: string; text: string }>(c, 'message');

    const acks = [];
    for (let i = 0; i < 5; i++)
      acks.push(await emitAck(a, 'message:send', { roomId: id, clientMessageId: `m-${i}`, text: `hello ${i}` }));
    expect(acks.every((ack) => ack.ok && typeof ack.id === 'string' && /^[0-9a-f-]{14}7/.test(ack.id))).toBe(true);
    await until(() => atB.length === 5 && atC.length === 5, 15_000, 'five deliveries');
    expect(atB.map((m) => m.text)).toEqual(['hello 0', 'hello 1', 'hello 2', 'hello 3', 'hello 4']);
    expect(atB.map((m) => m.id)).toEqual(acks.map((ack) => ack.id));
    expect(atC.map((m) => m.id)).toEqual(acks.map((ack) => ack.id));
    expect(atB[0].senderId).toBe(captain.id);
  });

  it('answers a retry with the same client message id with the first id and delivers it once', async () => {
    const { id, captain, players } = await team(1);
    const [a, b] = await Promise.all([captain, players[0]].map((u) => connect(chat.url, u.token)));
    await emitAck(a, 'room:join', { roomId: id });
    await emitAck(b, 'room:join', { roomId: id });
    const atB = collect<{ id: string }>(b, 'message');
    const first = await emitAck(a, 'message:send', { roomId: id, clientMessageId: 'same-1', text: 'once' });
    const retry = await emitAck(a, 'message:send', { roomId: id, clientMessageId: 'same-1', text: 'once' });
    await emitAck(a, 'message:send', { roomId: id, clientMessageId: 'marker', text: 'after' });
    expect(retry).toMatchObject({ ok: true, id: first.id, duplicate: true });
    await until(() => atB.length >= 2, 15_000, 'marker');
    expect(atB.map((m) => m.id).filter((m) => m === first.id)).toHaveLength(1);
    expect(atB).toHaveLength(2);
  });

  it('treats the same client message id in two rooms as two messages, delivered and stored in each', async () => {
    const { id: teamRoom, captain, players } = await team(1);
    const group = (
      await api(captain, 'POST', '/api/v1/chat/group-rooms', { title: 'Both', memberIds: [players[0].id] })
    ).json<{ id: string }>();
    const [sender, listener] = await Promise.all([captain, players[0]].map((u) => connect(chat.url, u.token)));
    for (const roomId of [teamRoom, group.id]) await emitAck(listener, 'room:join', { roomId });
    const got = collect<{ id: string; roomId: string }>(listener, 'message');
    const inTeam = await emitAck(sender, 'message:send', { roomId: teamRoom, clientMessageId: 'reused', text: 't' });
    const inGroup = await emitAck(sender, 'message:send', { roomId: group.id, clientMessageId: 'reused', text: 'g' });
    expect(inTeam).toMatchObject({ ok: true, duplicate: false });
    expect(inGroup).toMatchObject({ ok: true, duplicate: false });
    expect(inGroup.id).not.toBe(inTeam.id);
    await until(() => got.length === 2, 15_000, 'both messages live');
    // Two rooms, two partitions: no order between them.
    expect(got.map((m) => [m.roomId, m.id])).toEqual(
      expect.arrayContaining([
        [teamRoom, inTeam.id],
        [group.id, inGroup.id],
      ]),
    );
    // Both stored: the database's unique client id is per room too.
    for (const [roomId, messageId] of [
      [teamRoom, inTeam.id],
      [group.id, inGroup.id],
    ])
      await eventually(async () =>
        (await api(captain, 'GET', `/api/v1/chat/rooms/${roomId as string}/messages`))
          .json<{ items: { id: string }[] }>()
          .items.some((m) => m.id === messageId),
      );
  });

  it('shows a message produced twice (a producer retry) live once', async () => {
    const { id: roomId, captain, players } = await team(1);
    const listener = await connect(chat.url, players[0].token);
    await emitAck(listener, 'room:join', { roomId });
    const got = collect<{ id: string; text: string }>(listener, 'message');
    const envelope = createEnvelope({
      type: 'chat.message.sent',
      producer: 'chat',
      subject: roomId,
      correlationId: 'producer-retry',
      data: {
        messageId: uuidv7(),
        roomId,
        roomKind: 'team',
        senderId: captain.id,
        clientMessageId: 'retried-by-producer',
        text: 'once',
        attachments: [],
        mentions: [],
        sentAt: new Date().toISOString(),
      },
    });
    await produce(infra.kafka, Topics.chatMessages, roomId, envelope);
    await produce(infra.kafka, Topics.chatMessages, roomId, envelope);
    // A second id for the same sender and client id (persistence keeps only the first) is not shown either.
    await produce(infra.kafka, Topics.chatMessages, roomId, {
      ...envelope,
      id: uuidv7(),
      data: { ...envelope.data, messageId: uuidv7() },
    });
    const sender = await connect(chat.url, captain.token);
    await emitAck(sender, 'message:send', { roomId, clientMessageId: 'marker', text: 'marker' });
    await until(() => got.some((m) => m.text === 'marker'), 15_000, 'marker');
    expect(got.map((m) => m.text)).toEqual(['once', 'marker']);
  });

  it('keeps non-members out: no join, no send, no history', async () => {
    const { id } = await team(1);
    const stranger = await newUser(infra.idp);
    const socket = await connect(chat.url, stranger.token);
    const errors = collect<{ code: string; event: string }>(socket, 'error');
    expect(await emitAck(socket, 'room:join', { roomId: id })).toMatchObject({
      ok: false,
      error: { code: 'CHAT_ROOM_NOT_FOUND', status: 404 },
    });
    expect(
      await emitAck(socket, 'message:send', { roomId: id, clientMessageId: 'x-1', text: 'let me in' }),
    ).toMatchObject({ ok: false, error: { code: 'CHAT_ROOM_NOT_FOUND' } });
    expect(await emitAck(socket, 'messages:history', { roomId: id })).toMatchObject({
      ok: false,
      error: { code: 'CHAT_ROOM_NOT_FOUND' },
    });
    expect((await api(stranger, 'GET', `/api/v1/chat/rooms/${id}/messages`)).statusCode).toBe(404);
    await until(() => errors.length === 3, 5_000, 'error events');
    expect(errors.map((e) => e.event)).toEqual(['room:join', 'message:send', 'messages:history']);
  });

  it('refuses a muted member until the mute is lifted: no send, no typing, no edit', async () => {
    const { id, captain, players } = await team(1);
    const player = players[0];
    const early = await connect(chat.url, player.token);
    const own = await emitAck(early, 'message:send', { roomId: id, clientMessageId: 'pre-mute', text: 'first' });
    await eventually(
      async () => (await api(player, 'GET', `/api/v1/chat/rooms/${id}/messages`)).json().items.length === 1,
    );
    const muted = await api(captain, 'PUT', `/api/v1/chat/rooms/${id}/mutes/${player.id}`, { durationSeconds: 600 });
    expect(muted.statusCode).toBe(200);
    expect(
      (await api(player, 'PUT', `/api/v1/chat/rooms/${id}/mutes/${captain.id}`, { durationSeconds: 60 })).json(),
    ).toMatchObject({
      code: 'CHAT_NOT_MODERATOR',
    });
    const socket = await connect(chat.url, player.token);
    expect(
      await emitAck(socket, 'message:send', { roomId: id, clientMessageId: 'muted-1', text: 'can I?' }),
    ).toMatchObject({ ok: false, error: { code: 'CHAT_MUTED', status: 403 } });
    await emitAck(socket, 'room:join', { roomId: id });
    expect(await emitAck(socket, 'typing', { roomId: id, typing: true })).toMatchObject({
      ok: false,
      error: { code: 'CHAT_MUTED', status: 403 },
    });
    const edit = await api(player, 'PATCH', `/api/v1/chat/rooms/${id}/messages/${own.id as string}`, {
      text: 'edited while muted',
    });
    expect(edit.statusCode).toBe(403);
    expect(edit.json()).toMatchObject({ code: 'CHAT_MUTED' });
    expect((await api(captain, 'DELETE', `/api/v1/chat/rooms/${id}/mutes/${player.id}`)).statusCode).toBe(204);
    expect(
      (await api(player, 'PATCH', `/api/v1/chat/rooms/${id}/messages/${own.id as string}`, { text: 'now' })).statusCode,
    ).toBe(200);
    // The refused send's client message id was given back: sent again after the mute, it is a new message.
    expect(
      await emitAck(socket, 'message:send', { roomId: id, clientMessageId: 'muted-1', text: 'now?' }),
    ).toMatchObject({ ok: true, duplicate: false });
  });

  it('throttles a fast sender with an error event, then disconnects it when it keeps going; others are unaffected', async () => {
    const { id, captain, players } = await team(1);
    const flooder = await connect(chat.url, captain.token);
    const calm = await connect(chat.url, players[0].token);
    await emitAck(calm, 'room:join', { roomId: id });
    const errors = collect<{ code: string }>(flooder, 'error');
    const disconnected = new Promise<string>((resolve) => flooder.on('disconnect', resolve));
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        emitAck(flooder, 'message:send', { roomId: id, clientMessageId: `flood-${i}`, text: 'spam' }).catch(() => ({
          ok: false,
          error: { code: 'NO_ACK' },
        })),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    expect(answers.filter((a) => !a.ok).map((a) => a.error?.code)).toContain('CHAT_RATE_LIMITED');
    expect(errors.map((e) => e.code)).toContain('CHAT_RATE_LIMITED');
    for (let i = 0; i < 10 && flooder.connected; i++)
      flooder.emit('message:send', { roomId: id, clientMessageId: `more-${i}`, text: 'spam' });
    expect(await disconnected).toBe('io server disconnect');
    expect(
      await emitAck(calm, 'message:send', { roomId: id, clientMessageId: 'calm-1', text: 'still here' }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('rate-limits every kind of event: a flood of history searches is refused, then the socket is disconnected', async () => {
    const { id, captain, players } = await team(1);
    const flooder = await connect(chat.url, players[0].token);
    const calm = await connect(chat.url, captain.token);
    const errors = collect<{ event: string; code: string }>(flooder, 'error');
    const disconnected = new Promise<string>((resolve) => flooder.on('disconnect', resolve));
    const answers = await Promise.all(
      Array.from({ length: 25 }, () =>
        emitAck(flooder, 'messages:history', { roomId: id, q: 'anything' }).catch(() => ({
          ok: false,
          error: { code: 'NO_ACK' },
        })),
      ),
    );
    // The burst (20) goes through; the rest is refused like an over-rate send.
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(21);
    expect(answers.filter((a) => !a.ok).map((a) => a.error?.code)).toContain('CHAT_RATE_LIMITED');
    expect(errors).toContainEqual(expect.objectContaining({ event: 'messages:history', code: 'CHAT_RATE_LIMITED' }));
    for (let i = 0; i < 20 && flooder.connected; i++) flooder.emit('room:join', { roomId: id });
    expect(await disconnected).toBe('io server disconnect');
    expect(await emitAck(calm, 'messages:history', { roomId: id })).toMatchObject({ ok: true });
  });

  it('closes a connection that sends a packet over the buffer limit, and refuses text over the length limit', async () => {
    const { id, captain, players } = await team(1);
    const big = await connect(chat.url, captain.token);
    const other = await connect(chat.url, players[0].token);
    expect(
      await emitAck(other, 'message:send', { roomId: id, clientMessageId: 'long-1', text: 'x'.repeat(1001) }),
    ).toMatchObject({ ok: false, error: { code: 'CHAT_INVALID_PAYLOAD' } });
    const closed = new Promise<string>((resolve) => big.on('disconnect', resolve));
    big.emit('message:send', { roomId: id, clientMessageId: 'huge', text: 'x'.repeat(20_000) });
    expect(await closed).toBe('transport close');
    expect(other.connected).toBe(true);
    expect(await emitAck(other, 'message:send', { roomId: id, clientMessageId: 'ok-1', text: 'fine' })).toMatchObject({
      ok: true,
    });
  });

  it('limits the rooms one connection may join', async () => {
    const user = await newUser(infra.idp);
    const rooms = [];
    for (let i = 0; i < 4; i++) rooms.push(await events.createTeam(user.id, [], `Team ${i}`));
    for (const roomId of rooms) await roomVisible(user, roomId);
    const socket = await connect(chat.url, user.token);
    const answers = [];
    for (const roomId of rooms) answers.push(await emitAck(socket, 'room:join', { roomId }));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, false]);
    expect(answers[3].error?.code).toBe('CHAT_TOO_MANY_ROOMS');
  });

  it('shares typing with the room and lets a public match be read but not written by spectators', async () => {
    const home = await team(1);
    const away = await team(0);
    const organizer = await newUser(infra.idp);
    const tournamentId = await events.createTournament(organizer.id, 'public', [home.id, away.id]);
    const matchId = await events.scheduleMatch(tournamentId, home.id, away.id);
    const spectator = await newUser(infra.idp);
    await roomVisible(spectator, matchId);
    await eventually(
      async () => (await api(home.players[0], 'GET', `/api/v1/chat/rooms/${matchId}`)).json().access === 'write',
    );
    const room = await api(spectator, 'GET', `/api/v1/chat/rooms/${matchId}`);
    expect(room.json()).toMatchObject({ kind: 'match', access: 'read' });
    const [player, watcher] = await Promise.all([
      connect(chat.url, home.players[0].token),
      connect(chat.url, spectator.token),
    ]);
    await emitAck(player, 'room:join', { roomId: matchId });
    expect(await emitAck(watcher, 'room:join', { roomId: matchId })).toMatchObject({
      ok: true,
      room: { access: 'read' },
    });
    const typing = collect<{ userId: string; typing: boolean }>(watcher, 'typing');
    expect(await emitAck(player, 'typing', { roomId: matchId, typing: true })).toMatchObject({ ok: true });
    await until(() => typing.length === 1, 5_000, 'typing');
    expect(typing[0]).toEqual({ roomId: matchId, userId: home.players[0].id, typing: true });
    expect(
      await emitAck(watcher, 'message:send', { roomId: matchId, clientMessageId: 'spec-1', text: 'go!' }),
    ).toMatchObject({ ok: false, error: { code: 'CHAT_ROOM_READ_ONLY' } });
    // Nor may a spectator announce typing.
    expect(await emitAck(watcher, 'typing', { roomId: matchId, typing: true })).toMatchObject({
      ok: false,
      error: { code: 'CHAT_ROOM_READ_ONLY', status: 403 },
    });
    expect(
      await emitAck(player, 'message:send', { roomId: matchId, clientMessageId: 'pl-1', text: 'we go' }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('closes a connection whose token expired, and recovers its rooms and missed messages after reconnecting with a fresh token', async () => {
    const { id, captain, players } = await team(1);
    const shortLived = await infra.idp.mintToken({ sub: players[0].id }, { expiresIn: 3 });
    const socket = await connect(chat.url, shortLived, { reconnection: true });
    await emitAck(socket, 'room:join', { roomId: id });
    const received = collect<{ text: string }>(socket, 'message');
    const expired = new Promise<void>((resolve) => socket.once('auth:expired', () => resolve()));
    // The client refreshes its token when told; the reconnect's handshake runs the auth middleware again.
    socket.once('auth:expired', () => {
      void infra.idp.mintToken({ sub: players[0].id }).then((token) => {
        socket.auth = { token };
      });
    });
    await expired;
    await new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const sender = await connect(chat.url, captain.token);
    await emitAck(sender, 'message:send', { roomId: id, clientMessageId: 'while-away', text: 'missed?' });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    expect(socket.recovered).toBe(true);
    await until(() => received.some((m) => m.text === 'missed?'), 10_000, 'missed message');
    await emitAck(sender, 'message:send', { roomId: id, clientMessageId: 'after', text: 'live again' });
    await until(() => received.some((m) => m.text === 'live again'), 10_000, 'live message');
  });

  it('refuses a reconnect whose token is no longer valid, and accepts an in-place refresh for the same user only', async () => {
    const user = await newUser(infra.idp);
    const socket = await connect(chat.url, user.token);
    const fresh = await infra.idp.mintToken({ sub: user.id });
    expect(await emitAck(socket, 'auth:refresh', { token: fresh })).toMatchObject({ ok: true });
    const other = await infra.idp.mintToken({ sub: randomUUID() });
    expect(await emitAck(socket, 'auth:refresh', { token: other })).toMatchObject({
      ok: false,
      error: { code: 'CHAT_TOKEN_SUBJECT_MISMATCH', status: 403 },
    });
    expect(await emitAck(socket, 'auth:refresh', { token: 'not-a-token' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', status: 401 },
    });
    const expired = await infra.idp.expiredToken({ sub: user.id });
    await expect(connect(chat.url, expired)).rejects.toMatchObject({ data: { code: 'TOKEN_EXPIRED' } });
  });
});
