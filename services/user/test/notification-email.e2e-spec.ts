import { eventually, queueInfo } from '@prodvor/testing';
import { startSmtpSink, type SmtpSink } from './mail/smtp-sink';
import { notificationJob, publishNotification } from './support/rabbit-publisher';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';
import { PrismaClient } from '../src/generated/prisma/client';

describe('notification e-mail over SMTP', () => {
  let t: UserTestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startUserApp({ SMTP_URL: sink.url, SMTP_FROM: 'ProDvor <no-reply@prodvor.test>' });
  });

  afterAll(async () => {
    await t?.close();
  });

  /** `verified`: the address was proved (as opening a verification link does). */
  const optInToEmail = async (user: TestUser, verified = true) => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.headers })).statusCode).toBe(
      200,
    );
    await t.app.get(PrismaClient).profile.update({ where: { id: user.id }, data: { emailVerified: verified } });
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      headers: user.headers,
      payload: { preferences: [{ kind: 'team_invite', inApp: true, email: true }] },
    });
    expect(saved.statusCode).toBe(200);
  };
  const inboxSize = async (user: TestUser) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: user.headers })).json<{
      items: unknown[];
    }>().items.length;

  it('e-mails a kind the user opted into, once per notification, and only that kind', async () => {
    const user = newUser();
    await optInToEmail(user);
    const job = notificationJob(user.id, { title: 'Invitation to Dvor United' });
    await publishNotification(t.vhost.url, job);
    await publishNotification(t.vhost.url, job);
    await publishNotification(t.vhost.url, notificationJob(user.id, { kind: 'match_reminder' }));
    await eventually(async () => (await inboxSize(user)) === 2);
    await eventually(async () => sink.received.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const mine = sink.received.filter((m) => m.to.includes(`${user.username}@example.test`));
    expect(mine).toHaveLength(1);
    expect(mine[0].raw).toContain('Subject: Invitation to Dvor United');
    expect(mine[0].raw).toContain(job.data.notificationId);
  });

  it("sends no notification to an address nobody verified (it could be anyone's)", async () => {
    const user = newUser();
    await optInToEmail(user, false);
    const job = notificationJob(user.id, { title: 'Unverified' });
    await publishNotification(t.vhost.url, job);
    await eventually(async () => (await inboxSize(user)) === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.received.filter((m) => m.to.includes(`${user.username}@example.test`))).toHaveLength(0);
  });

  it('retries a failing delivery a bounded number of times, then parks it on the dead-letter queue', async () => {
    const user = newUser();
    await optInToEmail(user);
    await sink.close();
    await publishNotification(t.vhost.url, notificationJob(user.id));
    await eventually(
      async () => ((await queueInfo(t.vhost.name, 'user.notifications.dlq')).messages ?? 0) === 1,
      30_000,
    );
    expect(await inboxSize(user)).toBe(1);
  });
});
