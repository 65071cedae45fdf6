import { checkOpenApiDocument } from '@prodvor/platform';
import { eventually } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startChatInfra, startChatInstance, type ChatInfra, type ChatInstance } from './support/chat-app';
import { chatApi, closeAllSockets, connect, emitAck, newUser, type ChatUser } from './support/chat-users';
import { readModelEvents } from './support/read-model-events';

interface Msg {
  id: string;
  text: string;
  deleted: boolean;
  editedAt: string | null;
  senderId: string;
}

describe('history, moderation, receipts and rooms over HTTP', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  let events: Awaited<ReturnType<typeof readModelEvents>>;
  let api: ReturnType<typeof chatApi>;

  beforeAll(async () => {
    infra = await startChatInfra();
    chat = await startChatInstance(infra, { CHAT_SOCKET_SENDS_PER_SECOND: '100', CHAT_USER_SENDS_PER_WINDOW: '1000' });
    events = await readModelEvents(infra.kafka);
    api = chatApi(chat.app);
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await events?.stop();
    await chat?.close();
    await infra?.stop();
  });

  async function team(players = 1): Promise<{ id: string; captain: ChatUser; players: ChatUser[] }> {
    const captain = await newUser(infra.idp);
    const members = await Promise.all(Array.from({ length: players }, () => newUser(infra.idp)));
    const id = await events.createTeam(
      captain.id,
      members.map((m) => m.id),
    );
    const last = members[members.length - 1] ?? captain;
    await eventually(async () => (await api(last, 'GET', `/api/v1/chat/rooms/${id}`)).statusCode === 200);
    return { id, captain, players: members };
  }

  /** Sends over a socket and waits until every message is persisted (visible in history). */
  async function send(user: ChatUser, roomId: string, texts: string[]): Promise<string[]> {
    const socket = await connect(chat.url, user.token);
    const ids: string[] = [];
    for (const text of texts) {
      const ack = await emitAck(socket, 'message:send', { roomId, clientMessageId: randomUUID(), text });
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      ids.push(ack.id as string);
    }
    socket.close();
    await eventually(async () => {
      const page = (await api(user, 'GET', `/api/v1/chat/rooms/${roomId}/messages?limit=100`)).json<{ items: Msg[] }>();
      return ids.every((id) => page.items.some((m) => m.id === id));
    });
    return ids;
  }

  it('serves a stable newest-first history with cursors, also while new messages arrive', async () => {
    const { id, captain } = await team(0);
    const ids = await send(
      captain,
      id,
      Array.from({ length: 12 }, (_, i) => `message ${i}`),
    );
    const first = (await api(captain, 'GET', `/api/v1/chat/rooms/${id}/messages?limit=5`)).json<{
      items: Msg[];
      nextCursor: string;
    }>();
    expect(first.items.map((m) => m.id)).toEqual(ids.slice(7).reverse());
    await send(captain, id, ['newer 1', 'newer 2']);
    const second = (
      await api(captain, 'GET', `/api/v1/chat/rooms/${id}/messages?limit=5&cursor=${first.nextCursor}`)
    ).json<{ items: Msg[]; nextCursor: string }>();
    const third = (
      await api(captain, 'GET', `/api/v1/chat/rooms/${id}/messages?limit=5&cursor=${second.nextCursor}`)
    ).json<{ items: Msg[]; nextCursor: string | null }>();
    expect([...second.items, ...third.items].map((m) => m.id)).toEqual(ids.slice(0, 7).reverse());
    expect(third.nextCursor).toBeNull();

    // The same pages over the socket, and search there too.
    const socket = await connect(chat.url, captain.token);
    const page1 = await emitAck<{ items: Msg[]; nextCursor: string }>(socket, 'messages:history', {
      roomId: id,
      limit: 10,
    });
    const page2 = await emitAck<{ items: Msg[]; nextCursor: string | null }>(socket, 'messages:history', {
      roomId: id,
      limit: 10,
      cursor: page1.nextCursor,
    });
    expect([...page1.items, ...page2.items].map((m) => m.text)).toEqual([
      'newer 2',
      'newer 1',
      ...Array.from({ length: 12 }, (_, i) => `message ${11 - i}`),
    ]);
    expect(page2.nextCursor).toBeNull();
    const found = await emitAck<{ items: Msg[] }>(socket, 'messages:history', { roomId: id, q: 'newer' });
    expect(found.items.map((m) => m.text)).toEqual(['newer 2', 'newer 1']);
    expect(await emitAck(socket, 'messages:history', { roomId: id, limit: 101 })).toMatchObject({
      ok: false,
      error: { code: 'CHAT_INVALID_PAYLOAD', status: 400 },
    });
    const bad = await api(captain, 'GET', `/api/v1/chat/rooms/${id}/messages?cursor=%%%`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    // Well-formed cursors whose id is not a UUID: 400 too, not a failed uuid cast (500).
    for (const bogus of ['a'.repeat(36), '-'.repeat(36), 'not-a-uuid']) {
      const cursor = Buffer.from(JSON.stringify({ id: bogus })).toString('base64url');
      for (const q of ['', '&q=newer']) {
        const answer = await api(captain, 'GET', `/api/v1/chat/rooms/${id}/messages?cursor=${cursor}${q}`);
        expect(answer.statusCode).toBe(400);
        expect(answer.json()).toMatchObject({ code: 'INVALID_CURSOR' });
      }
      expect(await emitAck(socket, 'messages:history', { roomId: id, cursor })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CURSOR', status: 400 },
      });
    }
  });

  it('searches a room, and shows edits and deletions; only authors edit, moderators delete any', async () => {
    const { id, captain, players } = await team(2);
    const [, player, other] = [captain, ...players];
    const [mine, theirs] = await send(player, id, ['meet at the yard pitch', 'bring the ball']);
    await send(other, id, ['pitch is wet']);

    const search = (await api(captain, 'GET', `/api/v1/chat/rooms/${id}/messages?q=pitch`)).json<{ items: Msg[] }>();
    expect(search.items.map((m) => m.text)).toEqual(['pitch is wet', 'meet at the yard pitch']);

    const edited = await api(player, 'PATCH', `/api/v1/chat/rooms/${id}/messages/${mine}`, { text: 'meet at 7' });
    expect(edited.json()).toMatchObject({ text: 'meet at 7', editedAt: expect.any(String) });
    const notAuthor = await api(other, 'PATCH', `/api/v1/chat/rooms/${id}/messages/${mine}`, { text: 'hijack' });
    expect(notAuthor.statusCode).toBe(403);
    expect(notAuthor.json()).toMatchObject({ code: 'CHAT_NOT_AUTHOR' });
    expect((await api(other, 'DELETE', `/api/v1/chat/rooms/${id}/messages/${mine}`)).statusCode).toBe(403);
    expect((await api(captain, 'DELETE', `/api/v1/chat/rooms/${id}/messages/${theirs}`)).json()).toMatchObject({
      deleted: true,
      text: '',
    });
    expect((await api(player, 'DELETE', `/api/v1/chat/rooms/${id}/messages/${mine}`)).statusCode).toBe(200);
    expect((await api(player, 'DELETE', `/api/v1/chat/rooms/${id}/messages/${mine}`)).json()).toMatchObject({
      code: 'CHAT_MESSAGE_DELETED',
    });

    const history = (await api(other, 'GET', `/api/v1/chat/rooms/${id}/messages`)).json<{ items: Msg[] }>();
    expect(history.items.map((m) => [m.deleted, m.text])).toEqual([
      [false, 'pitch is wet'],
      [true, ''],
      [true, ''],
    ]);
    const afterDelete = (await api(other, 'GET', `/api/v1/chat/rooms/${id}/messages?q=yard`)).json<{ items: Msg[] }>();
    expect(afterDelete.items).toEqual([]);
  });

  it('records one report per reporter, and refuses strangers everywhere with 404', async () => {
    const { id, captain, players } = await team(1);
    const [message] = await send(captain, id, ['rude words']);
    const url = `/api/v1/chat/rooms/${id}/messages/${message}/reports`;
    const first = await api(players[0], 'POST', url, { reason: 'insult' });
    expect(first.statusCode).toBe(201);
    const again = await api(players[0], 'POST', url, { reason: 'insult' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    const stranger = await newUser(infra.idp);
    for (const [method, path, body] of [
      ['GET', `/api/v1/chat/rooms/${id}`],
      ['GET', `/api/v1/chat/rooms/${id}/messages`],
      ['POST', url, { reason: 'x' }],
      ['DELETE', `/api/v1/chat/rooms/${id}/messages/${message}`],
      ['POST', `/api/v1/chat/rooms/${id}/read`, { messageId: message }],
      ['GET', `/api/v1/chat/rooms/${id}/presence`],
    ] as const) {
      const res = await api(stranger, method, path, body);
      expect({ path, status: res.statusCode, code: res.json().code }).toEqual({
        path,
        status: 404,
        code: 'CHAT_ROOM_NOT_FOUND',
      });
    }
    expect((await api(undefined, 'GET', `/api/v1/chat/rooms/${id}/messages`)).statusCode).toBe(401);
    expect((await api(undefined, 'GET', '/api/v1/chat/rooms')).statusCode).toBe(401);
  });

  it('keeps read receipts and unread counts per room', async () => {
    const { id, captain, players } = await team(1);
    const ids = await send(captain, id, ['one', 'two', 'three']);
    const unread = async () =>
      (await api(players[0], 'GET', '/api/v1/chat/rooms'))
        .json<{ items: { id: string; unreadCount: number }[] }>()
        .items.find((room) => room.id === id)?.unreadCount;
    expect(await unread()).toBe(3);
    const read = await api(players[0], 'POST', `/api/v1/chat/rooms/${id}/read`, { messageId: ids[1] });
    expect(read.json()).toEqual({ roomId: id, lastReadMessageId: ids[1], unreadCount: 1 });
    // An older receipt never moves it back.
    await api(players[0], 'POST', `/api/v1/chat/rooms/${id}/read`, { messageId: ids[0] });
    expect(await unread()).toBe(1);
    const socket = await connect(chat.url, players[0].token);
    expect(await emitAck(socket, 'messages:read', { roomId: id, messageId: ids[2] })).toMatchObject({
      ok: true,
      unreadCount: 0,
    });
    const receipts = (await api(captain, 'GET', `/api/v1/chat/rooms/${id}/receipts`)).json();
    expect(receipts.items).toEqual([expect.objectContaining({ userId: players[0].id, lastReadMessageId: ids[2] })]);

    // A message id that is not a message of this room moves nothing: 404 over HTTP and the socket.
    const elsewhere = await team(0);
    const [foreign] = await send(elsewhere.captain, elsewhere.id, ['another room']);
    for (const messageId of [foreign, randomUUID()]) {
      const refused = await api(players[0], 'POST', `/api/v1/chat/rooms/${id}/read`, { messageId });
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toMatchObject({ code: 'CHAT_MESSAGE_NOT_FOUND' });
      expect(await emitAck(socket, 'messages:read', { roomId: id, messageId })).toMatchObject({
        ok: false,
        error: { code: 'CHAT_MESSAGE_NOT_FOUND', status: 404 },
      });
    }
    expect((await api(captain, 'GET', `/api/v1/chat/rooms/${id}/receipts`)).json().items).toEqual([
      expect.objectContaining({ userId: players[0].id, lastReadMessageId: ids[2] }),
    ]);
  });

  it('creates one direct room per pair and small groups the owner manages', async () => {
    const [a, b, c] = await Promise.all([newUser(infra.idp), newUser(infra.idp), newUser(infra.idp)]);
    const created = await api(a, 'POST', '/api/v1/chat/direct-rooms', { userId: b.id });
    expect(created.statusCode).toBe(201);
    const again = await api(b, 'POST', '/api/v1/chat/direct-rooms', { userId: a.id });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: created.json().id, kind: 'direct', access: 'write' });
    expect((await api(a, 'POST', '/api/v1/chat/direct-rooms', { userId: a.id })).json()).toMatchObject({
      code: 'CHAT_DIRECT_WITH_SELF',
    });
    expect((await api(c, 'GET', `/api/v1/chat/rooms/${created.json().id}`)).statusCode).toBe(404);

    const group = (
      await api(a, 'POST', '/api/v1/chat/group-rooms', { title: 'Five-a-side', memberIds: [b.id] })
    ).json();
    expect(group).toMatchObject({ kind: 'group', access: 'moderate', title: 'Five-a-side' });
    expect((await api(b, 'POST', `/api/v1/chat/rooms/${group.id}/members`, { userId: c.id })).json()).toMatchObject({
      code: 'CHAT_NOT_GROUP_OWNER',
    });
    expect((await api(a, 'POST', `/api/v1/chat/rooms/${group.id}/members`, { userId: c.id })).statusCode).toBe(204);
    expect((await api(c, 'GET', `/api/v1/chat/rooms/${group.id}`)).json()).toMatchObject({ access: 'write' });
    expect((await api(c, 'DELETE', `/api/v1/chat/rooms/${group.id}/members/${c.id}`)).statusCode).toBe(204);
    expect((await api(c, 'GET', `/api/v1/chat/rooms/${group.id}`)).statusCode).toBe(404);
    const tooMany = Array.from({ length: 50 }, () => randomUUID());
    expect(
      (await api(a, 'POST', '/api/v1/chat/group-rooms', { title: 'Big', memberIds: tooMany })).json(),
    ).toMatchObject({ code: 'CHAT_GROUP_FULL' });
    const rooms = (await api(a, 'GET', '/api/v1/chat/rooms')).json<{ items: { id: string }[] }>();
    expect(rooms.items.map((r) => r.id).sort()).toEqual([created.json().id, group.id].sort());
  });

  it('opens tournament and match rooms to the playing teams and the organizer only, and closes them on withdrawal', async () => {
    const [home, away, other] = [await team(1), await team(1), await team(1)];
    const organizer = await newUser(infra.idp);
    const tournamentId = await events.createTournament(organizer.id, 'private', [home.id, away.id]);
    const matchId = await events.scheduleMatch(tournamentId, home.id, away.id);
    const access = async (user: ChatUser, roomId: string) => {
      const res = await api(user, 'GET', `/api/v1/chat/rooms/${roomId}`);
      return res.statusCode === 200 ? res.json<{ access: string }>().access : res.statusCode;
    };
    await eventually(async () => (await access(away.players[0], matchId)) === 'write');
    expect(await access(organizer, tournamentId)).toBe('moderate');
    expect(await access(home.players[0], tournamentId)).toBe('write');
    expect(await access(away.captain, tournamentId)).toBe('write');
    expect(await access(organizer, matchId)).toBe('moderate');
    expect(await access(home.captain, matchId)).toBe('moderate');
    // A stranger and a team outside the tournament: 404 on a private tournament's rooms, even its match.
    const stranger = await newUser(infra.idp);
    for (const user of [stranger, other.captain]) {
      expect(await access(user, tournamentId)).toBe(404);
      expect(await access(user, matchId)).toBe(404);
    }

    await events.tournament(tournamentId, 'tournament.team.withdrawn', { teamId: away.id });
    await eventually(async () => (await access(away.players[0], tournamentId)) === 404);
    expect(await access(home.players[0], tournamentId)).toBe('write');
  });

  it('shows who of a room is online, and when the others were last seen', async () => {
    const { id, captain, players } = await team(1);
    const socket = await connect(chat.url, players[0].token);
    const presence = async () =>
      (await api(captain, 'GET', `/api/v1/chat/rooms/${id}/presence`)).json<{
        items: { userId: string; online: boolean; lastSeenAt: string | null }[];
      }>().items;
    await eventually(async () => (await presence()).some((p) => p.userId === players[0].id && p.online));
    socket.close();
    await eventually(async () =>
      (await presence()).some((p) => p.userId === players[0].id && !p.online && p.lastSeenAt !== null),
    );
  });

  it('matches the checked-in openapi.json', async () => {
    const { generated, checkedIn } = await checkOpenApiDocument(chat.app, join(__dirname, '../openapi.json'));
    expect(checkedIn).toEqual(generated);
  });
});
