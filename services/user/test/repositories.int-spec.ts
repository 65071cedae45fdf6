import { randomUUID } from 'node:crypto';
import { IdGenerator } from '@prodvor/platform';
import { DevicesRepository } from '../src/devices/devices.repository';
import { WebPushSubscriptionsRepository } from '../src/devices/web-push-subscriptions.repository';
import type { PrismaClient } from '../src/generated/prisma/client';
import { NotificationsRepository, type NewNotification } from '../src/notifications/notifications.repository';
import { openUserDatabase, type UserDatabase } from './support/user-database';

// Apart from the home read models (home-*.int-spec.ts), these are the queries whose guarantees live in
// the database (keyset pages, insert-once, claims under concurrency, upserts, ownership in the WHERE),
// run against a real, migrated throw-away database.
let database: UserDatabase;
let prisma: PrismaClient;
let notifications: NotificationsRepository;
let devices: DevicesRepository;
let webPush: WebPushSubscriptionsRepository;
const ids = new IdGenerator();

beforeAll(async () => {
  database = await openUserDatabase();
  prisma = database.prisma;
  notifications = new NotificationsRepository(prisma);
  devices = new DevicesRepository(prisma);
  webPush = new WebPushSubscriptionsRepository(prisma);
});

afterAll(() => database?.close());

function notification(userId: string, title = 'hello'): NewNotification {
  return {
    id: ids.id(),
    userId,
    kind: 'team_invite',
    title,
    body: '',
    data: { teamId: randomUUID() },
    createdAt: new Date(),
    readAt: null,
  };
}

describe('NotificationsRepository', () => {
  it('stores a notification once per id (a redelivered job stores nothing)', async () => {
    const entry = notification(randomUUID());
    expect(await notifications.insertIfAbsent(entry)).toBe(true);
    expect(await notifications.insertIfAbsent({ ...entry, title: 'again' })).toBe(false);
    expect(await notifications.findById(entry.id)).toMatchObject({ title: 'hello', data: entry.data });
  });

  it('pages newest first strictly before the cursor, optionally unread only', async () => {
    const userId = randomUUID();
    const stored: NewNotification[] = [];
    for (let i = 0; i < 5; i++) {
      const entry = notification(userId, `n${i}`);
      await notifications.insertIfAbsent(entry);
      stored.push(entry);
    }
    await notifications.insertIfAbsent(notification(randomUUID(), 'someone else'));
    const newestFirst = stored.map((entry) => entry.id).reverse();

    const first = await notifications.list(userId, 2);
    expect(first.map((n) => n.id)).toEqual(newestFirst.slice(0, 2));
    const next = await notifications.list(userId, 2, first[1].id);
    expect(next.map((n) => n.id)).toEqual(newestFirst.slice(2, 4));
    expect((await notifications.list(userId, 2, next[1].id)).map((n) => n.id)).toEqual(newestFirst.slice(4));

    await notifications.markRead(userId, newestFirst[1], new Date());
    expect((await notifications.list(userId, 10, undefined, true)).map((n) => n.id)).toEqual([
      newestFirst[0],
      ...newestFirst.slice(2),
    ]);
  });

  it("marks only the user's own notifications read, and counts what is left", async () => {
    const [me, other] = [randomUUID(), randomUUID()];
    const mine = [notification(me), notification(me), notification(me)];
    const theirs = notification(other);
    for (const entry of [...mine, theirs]) await notifications.insertIfAbsent(entry);

    expect(await notifications.markRead(me, theirs.id, new Date())).toBeNull();
    expect((await notifications.findById(theirs.id))?.readAt).toBeNull();
    const readAt = new Date('2026-03-01T10:00:00Z');
    expect(await notifications.markRead(me, mine[0].id, readAt)).toMatchObject({ readAt });
    // read once: a second mark keeps the first time
    expect(await notifications.markRead(me, mine[0].id, new Date())).toMatchObject({ readAt });
    expect(await notifications.unreadCount(me)).toBe(2);
    expect(await notifications.markAllRead(me, new Date())).toBe(2);
    expect(await notifications.markAllRead(me, new Date())).toBe(0);
    expect(await notifications.unreadCount(me)).toBe(0);
    expect(await notifications.unreadCount(other)).toBe(1);
  });

  it('gives the e-mail claim to exactly one of concurrent deliveries, and takes it back on release', async () => {
    const entry = notification(randomUUID());
    await notifications.insertIfAbsent(entry);
    const claims = await Promise.all(Array.from({ length: 6 }, () => notifications.claimEmail(entry.id, new Date())));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await notifications.releaseEmail(entry.id);
    expect(await notifications.claimEmail(entry.id, new Date())).toBe(true);
  });

  it('claims a push target once among concurrent deliveries, and again after a release', async () => {
    const entry = notification(randomUUID());
    await notifications.insertIfAbsent(entry);
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => notifications.claimPush(entry.id, 'webpush:a', new Date())),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await notifications.claimPush(entry.id, 'fcm:b', new Date())).toBe(true);
    await notifications.releasePush(entry.id, 'webpush:a');
    expect(await notifications.claimPush(entry.id, 'webpush:a', new Date())).toBe(true);
  });

  it('upserts preferences per kind', async () => {
    const userId = randomUUID();
    await notifications.savePreferences(
      userId,
      [{ kind: 'team_invite', inApp: true, email: false, push: true }],
      new Date(),
    );
    await notifications.savePreferences(
      userId,
      [
        { kind: 'team_invite', inApp: false, email: true, push: false },
        { kind: 'chat_mention', inApp: true, email: true, push: true },
      ],
      new Date(),
    );
    const saved = await notifications.preferences(userId);
    expect(
      saved
        .map(({ kind, inApp, email, push }) => ({ kind, inApp, email, push }))
        .sort((a, b) => a.kind.localeCompare(b.kind)),
    ).toEqual([
      { kind: 'chat_mention', inApp: true, email: true, push: true },
      { kind: 'team_invite', inApp: false, email: true, push: false },
    ]);
  });
});

describe('DevicesRepository', () => {
  const device = (userId: string, token: string, platform = 'android') => ({
    id: randomUUID(),
    userId,
    token,
    platform,
    createdAt: new Date(),
  });

  it('registers a token, refreshes it for its owner, and never hands it to another user', async () => {
    const [owner, stranger] = [randomUUID(), randomUUID()];
    const token = `token-${randomUUID()}`;
    const first = await devices.registerFor(device(owner, token));
    expect(first).toMatchObject({ userId: owner, token, platform: 'android' });
    const again = await devices.registerFor(device(owner, token, 'ios'));
    expect(again).toMatchObject({ id: first!.id, platform: 'ios' });
    expect(await devices.registerFor(device(stranger, token))).toBeNull();
    expect(await devices.listByUser(stranger)).toEqual([]);
    expect(await devices.listByUser(owner)).toEqual([expect.objectContaining({ id: first!.id })]);
  });

  it('keeps one row for concurrent registrations of a token by its owner', async () => {
    const owner = randomUUID();
    const token = `token-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => devices.registerFor(device(owner, token))));
    expect(new Set(results.map((result) => result?.id)).size).toBe(1);
    expect(await prisma.device.count({ where: { token } })).toBe(1);
  });

  it("deletes only the user's own device", async () => {
    const [owner, stranger] = [randomUUID(), randomUUID()];
    const stored = (await devices.registerFor(device(owner, `token-${randomUUID()}`)))!;
    expect(await devices.delete(stranger, stored.id)).toBe(false);
    expect(await devices.delete(owner, stored.id)).toBe(true);
    expect(await devices.delete(owner, stored.id)).toBe(false);
  });
});

describe('WebPushSubscriptionsRepository', () => {
  const subscription = (userId: string, endpoint = `https://push.example/${randomUUID()}`) => ({
    id: randomUUID(),
    userId,
    endpoint,
    p256dh: 'key-1',
    auth: 'auth-1',
    createdAt: new Date(),
  });

  it("refreshes the owner's keys, leaves an endpoint to its owner, and scopes reads and deletes", async () => {
    const [owner, stranger] = [randomUUID(), randomUUID()];
    const first = subscription(owner);
    const stored = await webPush.subscribe(first, 5);
    expect(stored).toMatchObject({ kind: 'stored', subscription: { id: first.id, p256dh: 'key-1' } });
    const refreshed = await webPush.subscribe({ ...first, id: randomUUID(), p256dh: 'key-2', auth: 'auth-2' }, 5);
    expect(refreshed).toMatchObject({
      kind: 'stored',
      subscription: { id: first.id, p256dh: 'key-2', auth: 'auth-2' },
    });
    expect(await webPush.subscribe(subscription(stranger, first.endpoint), 5)).toEqual({ kind: 'taken' });
    expect(await webPush.listByUser(stranger)).toEqual([]);
    expect((await webPush.listByUser(owner)).map((s) => s.id)).toEqual([first.id]);
    expect(await webPush.delete(stranger, first.id)).toBe(false);
    expect(await webPush.delete(owner, first.id)).toBe(true);
    expect(await webPush.listByUser(owner)).toEqual([]);
  });

  it('stores no new subscription past the limit, even for concurrent requests, but still refreshes', async () => {
    const owner = randomUUID();
    const kept = subscription(owner);
    await webPush.subscribe(kept, 3);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => webPush.subscribe(subscription(owner), 3)));
    expect(outcomes.filter((o) => o.kind === 'stored')).toHaveLength(2);
    expect(outcomes.filter((o) => o.kind === 'limit')).toHaveLength(4);
    expect(await prisma.webPushSubscription.count({ where: { userId: owner } })).toBe(3);
    expect(await webPush.subscribe({ ...kept, auth: 'auth-2' }, 3)).toMatchObject({ kind: 'stored' });
  });

  it('gives a contested endpoint to exactly one of concurrent users', async () => {
    const endpoint = `https://push.example/${randomUUID()}`;
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => webPush.subscribe(subscription(randomUUID(), endpoint), 5)),
    );
    expect(outcomes.filter((o) => o.kind === 'stored')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'taken')).toHaveLength(3);
  });
});
