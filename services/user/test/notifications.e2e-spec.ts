import { queueInfo, eventually, testKeycloak, walkForgedIdentities } from '@prodvor/testing';
import { notificationJob, publishNotification, publishRaw } from './support/rabbit-publisher';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

describe('notification inbox over HTTP, fed by RabbitMQ', () => {
  let t: UserTestApp;

  beforeAll(async () => {
    t = await startUserApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (user: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: user.headers });
  const post = (user: TestUser, url: string) => t.app.inject({ method: 'POST', url, headers: user.headers });
  const inbox = async (user: TestUser) =>
    (await get(user, '/api/v1/notifications')).json<{ items: { id: string; readAt: string | null }[] }>().items;

  it('stores a delivered notification once, even when the job is delivered twice', async () => {
    const user = newUser();
    const job = notificationJob(user.id);
    await publishNotification(t.vhost.url, job);
    await publishNotification(t.vhost.url, job);
    await publishNotification(
      t.vhost.url,
      notificationJob(user.id, { kind: 'match_reminder', title: 'Match at 19:00' }),
    );
    await eventually(async () => (await inbox(user)).length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const items = await inbox(user);
    expect(items).toHaveLength(2);
    expect(items[1]).toMatchObject({ id: job.data.notificationId, kind: 'team_invite', readAt: null });
    expect((await get(user, '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 2 });
  });

  it('marks one and all read, pages with a cursor, and refuses a stranger', async () => {
    const user = newUser();
    const jobs = [0, 1, 2].map(() => notificationJob(user.id));
    for (const job of jobs) await publishNotification(t.vhost.url, job);
    await eventually(async () => (await inbox(user)).length === 3);

    const stranger = newUser();
    const theirs = await post(stranger, `/api/v1/notifications/${jobs[0].data.notificationId}/read`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('NOTIFICATION_NOT_FOUND');
    expect(await inbox(stranger)).toEqual([]);
    await post(stranger, '/api/v1/notifications/read-all');
    expect((await get(user, '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 3 });

    const read = await post(user, `/api/v1/notifications/${jobs[0].data.notificationId}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const unread = await get(user, '/api/v1/notifications?unread=true&limit=1');
    expect(unread.json().items).toHaveLength(1);
    const next = await get(user, `/api/v1/notifications?unread=true&limit=1&cursor=${unread.json().nextCursor}`);
    expect(next.json().items).toHaveLength(1);
    expect(next.json().nextCursor).toBeNull();

    expect((await post(user, '/api/v1/notifications/read-all')).json()).toEqual({ marked: 2 });
    expect((await get(user, '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
  });

  it('keeps preferences per kind: a kind muted in-app arrives already read', async () => {
    const user = newUser();
    const defaults = await get(user, '/api/v1/notifications/preferences');
    expect(defaults.json().preferences).toContainEqual({ kind: 'chat_mention', inApp: true, email: false, push: true });
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      headers: user.headers,
      payload: { preferences: [{ kind: 'chat_mention', inApp: false, email: false }] },
    });
    expect(saved.statusCode).toBe(200);
    // `push` omitted: it keeps what applied (the default, on).
    expect(saved.json().preferences).toContainEqual({ kind: 'chat_mention', inApp: false, email: false, push: true });
    const pushOff = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      headers: user.headers,
      payload: { preferences: [{ kind: 'team_invite', inApp: true, email: false, push: false }] },
    });
    expect(pushOff.json().preferences).toEqual(
      expect.arrayContaining([
        { kind: 'team_invite', inApp: true, email: false, push: false },
        { kind: 'chat_mention', inApp: false, email: false, push: true },
      ]),
    );
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      headers: user.headers,
      payload: { preferences: [{ kind: 'spam', inApp: 'yes', email: false, push: 'always', sms: true }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([
        'preferences[0].kind',
        'preferences[0].inApp',
        'preferences[0].push',
        'preferences[0].sms',
      ]),
    );

    await publishNotification(t.vhost.url, notificationJob(user.id, { kind: 'chat_mention' }));
    await eventually(async () => (await inbox(user)).length === 1);
    expect((await inbox(user))[0].readAt).not.toBeNull();
    expect((await get(user, '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
  });

  it('parks a poison job on the dead-letter queue instead of looping', async () => {
    // A queue's counters appear in the management API only after its first statistics tick.
    const dlqDepth = async () => (await queueInfo(t.vhost.name, 'user.notifications.dlq')).messages ?? 0;
    const before = await dlqDepth();
    await publishRaw(t.vhost.url, 'notifications', 'notification.deliver', Buffer.from('{"not":"an envelope"'));
    await publishNotification(t.vhost.url, { ...notificationJob(newUser().id), data: { userId: 'nope' } });
    await eventually(async () => (await dlqDepth()) === before + 2, 30_000);
    expect((await queueInfo(t.vhost.name, 'user.notifications')).messages ?? 0).toBe(0);
  });

  it("reads and writes only the caller's own preferences, whatever identity headers are forged", async () => {
    const victim = newUser();
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      headers: victim.headers,
      payload: { preferences: [{ kind: 'system', inApp: false, email: true, push: false }] },
    });
    const reader = newUser();
    const failures = await walkForgedIdentities({
      send: (headers) => t.app.inject({ method: 'GET', url: '/api/v1/notifications/preferences', headers }),
      user: reader.headers,
      servedAsUser: 200,
      issuer: testKeycloak().issuer,
    });
    expect(failures).toEqual([]);
    const writes = await walkForgedIdentities({
      send: (headers) =>
        t.app.inject({
          method: 'PUT',
          url: '/api/v1/notifications/preferences',
          headers,
          payload: { preferences: [{ kind: 'system', inApp: true, email: false, push: true }] },
        }),
      user: reader.headers,
      servedAsUser: 200,
      issuer: testKeycloak().issuer,
    });
    expect(writes).toEqual([]);
    const mine = await get(victim, '/api/v1/notifications/preferences');
    expect(mine.json().preferences).toContainEqual({ kind: 'system', inApp: false, email: true, push: false });
  });

  it('answers 401 without identity', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });
});
