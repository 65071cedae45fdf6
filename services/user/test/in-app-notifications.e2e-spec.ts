import { eventually, probeTopic } from './support/kafka-probe';
import { notificationJob, publishNotification } from './support/rabbit-publisher';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

describe('in-app notifications: localized inbox items, announced once on notifications.in-app.v1', () => {
  let t: UserTestApp;

  beforeAll(async () => {
    t = await startUserApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const inbox = async (user: TestUser) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: user.headers })).json<{
      items: { id: string; title: string; body: string; readAt: string | null }[];
    }>().items;

  it("stores the texts in the user's language and time zone and publishes one in-app event per notification", async () => {
    const probe = await probeTopic(t.kafka, 'notifications.in-app.v1');
    try {
      const user = newUser();
      const profile = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/users/me',
        headers: user.headers,
        payload: { locale: 'ru', timeZone: 'Europe/Moscow' },
      });
      expect(profile.statusCode).toBe(200);
      const job = notificationJob(user.id, {
        kind: 'match_reminder',
        title: 'Match soon',
        body: 'fallback',
        data: { startsAt: '2026-12-07T15:30:00.000Z' },
      });
      await publishNotification(t.vhost.url, job);
      await publishNotification(t.vhost.url, job);
      await eventually(async () => (await inbox(user)).length === 1);
      const [item] = await inbox(user);
      expect(item.title).toBe('Скоро матч');
      expect(item.body).toContain('18:30');

      // A kind muted in-app is stored read and not announced.
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/notifications/preferences',
        headers: user.headers,
        payload: { preferences: [{ kind: 'system', inApp: false, email: false }] },
      });
      await publishNotification(t.vhost.url, notificationJob(user.id, { kind: 'system' }));
      await eventually(async () => (await inbox(user)).length === 2);

      await t.flushOutbox();
      await probe.waitFor((events) => events.some((e) => e.key === user.id));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await t.flushOutbox();
      const mine = probe.received.filter((e) => e.key === user.id).map((e) => e.envelope);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        type: 'notification.in_app',
        producer: 'user',
        subject: user.id,
        data: { notificationId: job.data.notificationId, userId: user.id, title: 'Скоро матч', kind: 'match_reminder' },
      });
    } finally {
      await probe.stop();
    }
  });
});
