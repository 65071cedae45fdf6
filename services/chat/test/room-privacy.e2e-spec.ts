import { eventually } from '@prodvor/testing';
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

describe('private tournaments, cancellations, and who sees presence and receipts', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  let events: Awaited<ReturnType<typeof readModelEvents>>;
  let api: ReturnType<typeof chatApi>;

  beforeAll(async () => {
    infra = await startChatInfra();
    chat = await startChatInstance(infra, { CHAT_ACCESS_CACHE_MS: '60000' });
    events = await readModelEvents(infra.kafka);
    api = chatApi(chat.app);
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await events?.stop();
    await chat?.close();
    await infra?.stop();
  });

  /** A public tournament with one scheduled match between two teams of a captain and a player each. */
  async function publicMatch() {
    const [homeCaptain, homePlayer, awayCaptain, organizer, spectator] = await Promise.all(
      Array.from({ length: 5 }, () => newUser(infra.idp)),
    );
    const home = await events.createTeam(homeCaptain.id, [homePlayer.id]);
    const away = await events.createTeam(awayCaptain.id);
    const tournamentId = await events.createTournament(organizer.id, 'public', [home, away]);
    const matchId = await events.scheduleMatch(tournamentId, home, away);
    await eventually(async () => (await access(spectator, matchId)) === 'read');
    await eventually(async () => (await access(homePlayer, matchId)) === 'write');
    return { tournamentId, matchId, home, homeCaptain, homePlayer, awayCaptain, organizer, spectator };
  }

  async function access(user: ChatUser, roomId: string): Promise<string | number> {
    const res = await api(user, 'GET', `/api/v1/chat/rooms/${roomId}`);
    return res.statusCode === 200 ? res.json<{ access: string }>().access : res.statusCode;
  }

  it('closes a match room to spectators when its tournament turns private, live sockets included', async () => {
    const { tournamentId, matchId, homePlayer, awayCaptain, spectator } = await publicMatch();
    const [player, watcher] = await Promise.all([
      connect(chat.url, homePlayer.token),
      connect(chat.url, spectator.token),
    ]);
    expect(await emitAck(watcher, 'room:join', { roomId: matchId })).toMatchObject({ ok: true });
    await emitAck(player, 'room:join', { roomId: matchId });
    const removed = collect<{ roomId: string }>(watcher, 'room:removed');
    const seen = collect<{ text: string }>(watcher, 'message');

    await events.tournament(tournamentId, 'tournament.updated', { name: 'Closed cup', visibility: 'private' });
    await until(() => removed.length === 1, 15_000, 'room:removed');
    expect(removed[0]).toEqual({ roomId: matchId });
    expect(await access(spectator, matchId)).toBe(404);
    expect(await access(spectator, tournamentId)).toBe(404);
    expect(await access(awayCaptain, matchId)).toBe('moderate');
    expect((await api(spectator, 'GET', `/api/v1/chat/rooms/${matchId}/messages`)).statusCode).toBe(404);
    expect(await emitAck(watcher, 'room:join', { roomId: matchId })).toMatchObject({
      ok: false,
      error: { code: 'CHAT_ROOM_NOT_FOUND' },
    });
    const { id } = await emitAck<{ id: string }>(player, 'message:send', {
      roomId: matchId,
      clientMessageId: 'private-1',
      text: 'only us now',
    });
    expect(id).toBeTruthy();
    await eventually(
      async () =>
        (await api(homePlayer, 'GET', `/api/v1/chat/rooms/${matchId}/messages`)).json<{ items: unknown[] }>().items
          .length === 1,
    );
    expect(seen).toEqual([]);
    // The room's title follows the tournament's name.
    expect((await api(homePlayer, 'GET', `/api/v1/chat/rooms/${tournamentId}`)).json()).toMatchObject({
      title: 'Closed cup',
    });
  });

  it('keeps a cancelled tournament’s rooms for reading and takes writing away', async () => {
    const { tournamentId, matchId, homePlayer, spectator } = await publicMatch();
    await events.tournament(tournamentId, 'tournament.cancelled', {});
    await eventually(async () => (await access(homePlayer, matchId)) === 'read');
    expect(await access(homePlayer, tournamentId)).toBe('read');
    expect(await access(spectator, matchId)).toBe('read');
    const player = await connect(chat.url, homePlayer.token);
    expect(
      await emitAck(player, 'message:send', { roomId: matchId, clientMessageId: 'late', text: 'still on?' }),
    ).toMatchObject({ ok: false, error: { code: 'CHAT_ROOM_READ_ONLY' } });
  });

  it('shows presence and read receipts of a public match room to its members only', async () => {
    const { matchId, homePlayer, awayCaptain, spectator } = await publicMatch();
    const stranger = await newUser(infra.idp);
    for (const path of ['presence', 'receipts']) {
      const refused = await api(spectator, 'GET', `/api/v1/chat/rooms/${matchId}/${path}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'CHAT_NOT_MEMBER' });
      expect((await api(awayCaptain, 'GET', `/api/v1/chat/rooms/${matchId}/${path}`)).statusCode).toBe(200);
    }
    // A room the caller may not read at all stays 404.
    const { home } = await publicMatch();
    expect((await api(stranger, 'GET', `/api/v1/chat/rooms/${home}/presence`)).statusCode).toBe(404);
    expect((await api(stranger, 'GET', `/api/v1/chat/rooms/${home}/receipts`)).statusCode).toBe(404);

    const watcher = await connect(chat.url, spectator.token);
    const member = await connect(chat.url, awayCaptain.token);
    await emitAck(watcher, 'room:join', { roomId: matchId });
    await emitAck(member, 'room:join', { roomId: matchId });
    const watcherPresence = collect(watcher, 'presence');
    const watcherReads = collect(watcher, 'read');
    const memberPresence = collect<{ userId: string; online: boolean }>(member, 'presence');
    const memberReads = collect<{ userId: string }>(member, 'read');
    const watcherMessages = collect<{ id: string }>(watcher, 'message');

    const player = await connect(chat.url, homePlayer.token);
    await emitAck(player, 'room:join', { roomId: matchId });
    await until(() => memberPresence.some((p) => p.userId === homePlayer.id && p.online), 10_000, 'presence');
    const { id } = await emitAck<{ id: string }>(player, 'message:send', {
      roomId: matchId,
      clientMessageId: 'seen-1',
      text: 'kick-off soon',
    });
    await until(() => watcherMessages.some((m) => m.id === id), 10_000, 'message to the spectator');
    expect(await emitAck(player, 'messages:read', { roomId: matchId, messageId: id })).toMatchObject({ ok: true });
    await until(() => memberReads.some((r) => r.userId === homePlayer.id), 10_000, 'read signal');
    // A spectator's own read counts for them and announces nothing.
    expect(await emitAck(watcher, 'messages:read', { roomId: matchId, messageId: id })).toMatchObject({ ok: true });
    player.close();
    await until(() => memberPresence.some((p) => p.userId === homePlayer.id && !p.online), 10_000, 'offline');
    expect(memberReads.map((r) => r.userId)).not.toContain(spectator.id);
    expect(memberPresence.map((p) => p.userId)).not.toContain(spectator.id);
    expect([...watcherPresence, ...watcherReads]).toEqual([]);
    const receipts = await api(awayCaptain, 'GET', `/api/v1/chat/rooms/${matchId}/receipts`);
    expect(receipts.json<{ items: { userId: string }[] }>().items.map((r) => r.userId)).toContain(homePlayer.id);
  });
});
