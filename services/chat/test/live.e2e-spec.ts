import type { MatchEvent } from '@prodvor/contracts';
import { RabbitMqService, RedisStore } from '@prodvor/platform';
import { captureNotificationJobs, eventually, type NotificationJob, type NotificationJobs } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { OfflineNotifier } from '../src/notifications/offline-notifier';
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

describe('live match feed, live edits and offline notifications', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  let events: Awaited<ReturnType<typeof readModelEvents>>;
  let api: ReturnType<typeof chatApi>;
  let captured: NotificationJobs;
  let jobs: NotificationJob[];

  beforeAll(async () => {
    infra = await startChatInfra();
    chat = await startChatInstance(infra, { CHAT_NOTIFY_BATCH_MS: '600000' });
    events = await readModelEvents(infra.kafka);
    api = chatApi(chat.app);
    captured = await captureNotificationJobs(infra.vhost.url);
    jobs = captured.received;
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await captured?.stop();
    await events?.stop();
    await chat?.close();
    await infra?.stop();
  });

  async function visible(user: ChatUser, roomId: string): Promise<void> {
    await eventually(async () => (await api(user, 'GET', `/api/v1/chat/rooms/${roomId}`)).statusCode === 200);
  }

  it('pushes match events with the score to the match room, and gives a socket joining mid-match the score and recent events', async () => {
    const [homeCaptain, awayCaptain, organizer] = await Promise.all([1, 2, 3].map(() => newUser(infra.idp)));
    const home = await events.createTeam(homeCaptain.id, [], 'Home');
    const away = await events.createTeam(awayCaptain.id, [], 'Away');
    const tournamentId = await events.createTournament(organizer.id, 'private', [home, away]);
    const matchId = await events.scheduleMatch(tournamentId, home, away);
    await visible(awayCaptain, matchId);
    await visible(homeCaptain, matchId);

    const early = await connect(chat.url, homeCaptain.token);
    expect(await emitAck(early, 'room:join', { roomId: matchId })).toMatchObject({
      ok: true,
      match: { homeScore: 0, awayScore: 0, status: 'scheduled', lastSequence: 0 },
    });
    const pushed = collect<{ event: MatchEvent; score: { homeScore: number; awayScore: number } }>(
      early,
      'match:event',
    );
    const base = {
      matchId,
      tournamentId,
      minute: 10,
      period: 1,
      recordedBy: organizer.id,
      recordedAt: new Date().toISOString(),
    };
    const goal = (sequence: number, teamId: string, ownGoal = false): MatchEvent => ({
      ...base,
      sequence,
      kind: 'goal',
      teamId,
      scorerId: randomUUID(),
      ownGoal,
      penalty: false,
    });
    await events.matchEvent({ ...base, sequence: 1, kind: 'kick_off' });
    await events.matchEvent(goal(2, home));
    await events.matchEvent(goal(3, away, true));
    await until(() => pushed.length === 3, 20_000, 'three pushes');
    expect(pushed.map((p) => [p.event.sequence, p.score.homeScore, p.score.awayScore])).toEqual([
      [1, 0, 0],
      [2, 1, 0],
      [3, 2, 0],
    ]);

    const late = await connect(chat.url, awayCaptain.token);
    const joined = await emitAck<{ match: { homeScore: number; status: string; recentEvents: MatchEvent[] } }>(
      late,
      'room:join',
      {
        roomId: matchId,
      },
    );
    expect(joined.match).toMatchObject({ homeScore: 2, awayScore: 0, status: 'live', lastSequence: 3 });
    expect(joined.match.recentEvents.map((e) => e.kind)).toEqual(['kick_off', 'goal', 'goal']);

    await events.matchEvent({ ...base, sequence: 4, kind: 'correction', correctsSequence: 2, reason: 'offside' });
    await until(() => pushed.length === 4, 20_000, 'correction push');
    expect(pushed[3].score).toMatchObject({ homeScore: 1, awayScore: 0 });
    expect((await api(awayCaptain, 'GET', `/api/v1/chat/rooms/${matchId}/match`)).json()).toMatchObject({
      homeScore: 1,
      lastSequence: 4,
    });
    const outsider = await newUser(infra.idp);
    expect((await api(outsider, 'GET', `/api/v1/chat/rooms/${matchId}/match`)).statusCode).toBe(404);
  });

  it('pushes edits and deletions to the room as they commit', async () => {
    const [captain, player] = [await newUser(infra.idp), await newUser(infra.idp)];
    const roomId = await events.createTeam(captain.id, [player.id]);
    await visible(player, roomId);
    const watcher = await connect(chat.url, player.token);
    await emitAck(watcher, 'room:join', { roomId });
    const edits = collect<{ messageId: string; text: string }>(watcher, 'message:edited');
    const deletions = collect<{ messageId: string; deletedBy: string }>(watcher, 'message:deleted');
    const sender = await connect(chat.url, captain.token);
    const sent = await emitAck(sender, 'message:send', { roomId, clientMessageId: 'to-edit', text: 'draft' });
    await eventually(
      async () =>
        (await api(captain, 'PATCH', `/api/v1/chat/rooms/${roomId}/messages/${sent.id as string}`, { text: 'final' }))
          .statusCode === 200,
    );
    await chat.flushOutbox();
    await until(() => edits.length === 1, 20_000, 'edit push');
    expect(edits[0]).toMatchObject({ messageId: sent.id, text: 'final' });
    await api(captain, 'DELETE', `/api/v1/chat/rooms/${roomId}/messages/${sent.id as string}`);
    await chat.flushOutbox();
    await until(() => deletions.length === 1, 20_000, 'delete push');
    expect(deletions[0]).toMatchObject({ messageId: sent.id, deletedBy: captain.id });
  });

  it('notifies offline users of direct messages and mentions, batched per user and room; online users get none', async () => {
    const redis = chat.app.get(RedisStore);
    const pending = async (userId: string, roomId: string, kind: string) =>
      Number(await redis.client.hGet(redis.key('notify', 'counts'), `${userId}|${roomId}|${kind}`));
    const [alice, bob] = [await newUser(infra.idp), await newUser(infra.idp)];
    const direct = (await api(alice, 'POST', '/api/v1/chat/direct-rooms', { userId: bob.id })).json<{ id: string }>();
    const aliceSocket = await connect(chat.url, alice.token);
    for (let i = 0; i < 3; i++)
      await emitAck(aliceSocket, 'message:send', { roomId: direct.id, clientMessageId: `dm-${i}`, text: `psst ${i}` });

    const [captain, offline, online] = [await newUser(infra.idp), await newUser(infra.idp), await newUser(infra.idp)];
    const team = await events.createTeam(captain.id, [offline.id, online.id]);
    await visible(online, team);
    const onlineSocket = await connect(chat.url, online.token);
    const captainSocket = await connect(chat.url, captain.token);
    await emitAck(captainSocket, 'message:send', {
      roomId: team,
      clientMessageId: 'mention-1',
      text: '@offline @online training at 7',
      mentions: [offline.id, online.id, randomUUID()],
    });
    await eventually(async () => (await pending(bob.id, direct.id, 'direct_message')) === 3);
    await eventually(async () => (await pending(offline.id, team, 'chat_mention')) === 1);
    expect(onlineSocket.connected).toBe(true);

    await chat.app.get(OfflineNotifier).flush();
    await until(() => jobs.length >= 2, 10_000, 'notification jobs');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const byUser = (userId: string) => jobs.filter((job) => job.userId === userId);
    expect(byUser(bob.id)).toEqual([
      expect.objectContaining({ kind: 'direct_message', title: '3 new direct messages', body: 'psst 2' }),
    ]);
    expect(byUser(bob.id)[0].data).toMatchObject({ roomId: direct.id, count: '3', senderId: alice.id });
    expect(byUser(offline.id).map((job) => job.kind)).toEqual(['chat_mention']);
    expect(byUser(online.id)).toEqual([]);
    expect(byUser(alice.id)).toEqual([]);
    expect(await chat.app.get(OfflineNotifier).flush()).toBe(0);
  });

  it('keeps a batch whose jobs RabbitMQ did not take, and sends it (with what came meanwhile) next time', async () => {
    const redis = chat.app.get(RedisStore);
    const notifier = chat.app.get(OfflineNotifier);
    await notifier.flush();
    const pending = async (field: string) => Number(await redis.client.hGet(redis.key('notify', 'counts'), field));
    const [alice, bob] = [await newUser(infra.idp), await newUser(infra.idp)];
    const direct = (await api(alice, 'POST', '/api/v1/chat/direct-rooms', { userId: bob.id })).json<{ id: string }>();
    const field = `${bob.id}|${direct.id}|direct_message`;
    const socket = await connect(chat.url, alice.token);
    for (let i = 0; i < 2; i++)
      await emitAck(socket, 'message:send', { roomId: direct.id, clientMessageId: `down-${i}`, text: `down ${i}` });
    await eventually(async () => (await pending(field)) === 2);

    const publish = vi
      .spyOn(chat.app.get(RabbitMqService).jobs, 'publish')
      .mockRejectedValueOnce(new Error('broker unavailable'));
    try {
      expect(await notifier.flush()).toBe(0);
    } finally {
      publish.mockRestore();
    }
    expect(await pending(field)).toBe(2);
    await emitAck(socket, 'message:send', { roomId: direct.id, clientMessageId: 'up-0', text: 'back up' });
    await eventually(async () => (await pending(field)) === 3);
    expect(await notifier.flush()).toBe(1);
    await until(() => jobs.some((job) => job.userId === bob.id), 10_000, 'the kept batch');
    expect(jobs.filter((job) => job.userId === bob.id)).toEqual([
      expect.objectContaining({ title: '3 new direct messages', body: 'back up' }),
    ]);
    expect(await redis.client.keys(`${redis.key('notify', 'taken')}:*`)).toEqual([]);
  });
});
