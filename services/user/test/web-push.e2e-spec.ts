import { browserKeys, eventually, queueInfo, startHttpRecorder, type HttpRecorder } from '@prodvor/testing';
import { notificationJob, publishNotification } from './support/rabbit-publisher';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

describe('Web Push to browser subscriptions', () => {
  let t: UserTestApp;
  let pushService: HttpRecorder;

  beforeAll(async () => {
    pushService = await startHttpRecorder();
    t = await startUserApp({
      WEB_PUSH_ALLOW_HTTP_ENDPOINTS: 'true',
      WEB_PUSH_ENDPOINT_HOSTS: '127.0.0.1,push.services.mozilla.com',
      WEB_PUSH_MAX_SUBSCRIPTIONS_PER_USER: '3',
      PUSH_BACKOFF_MS: '20',
      PUSH_RETRIES: '2',
    });
  });

  afterAll(async () => {
    await t?.close();
    await pushService?.close();
  });

  const subscribe = (user: TestUser, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/devices/web-push/subscriptions', headers: user.headers, payload });
  const list = async (user: TestUser) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/devices/web-push/subscriptions', headers: user.headers })).json<
      { id: string; origin: string }[]
    >();
  /** A user with a profile and one browser subscribed at `path` of the local push service. */
  const subscribedUser = async (path: string) => {
    const user = newUser();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.headers })).statusCode).toBe(
      200,
    );
    const browser = browserKeys();
    const res = await subscribe(user, {
      endpoint: `${pushService.url}${path}`,
      keys: browser.keys,
      expirationTime: null,
    });
    expect(res.statusCode).toBe(201);
    return { user, browser };
  };

  it('pushes an aes128gcm payload signed with VAPID, once per notification', async () => {
    const path = `/push/${crypto.randomUUID()}`;
    const { user, browser } = await subscribedUser(path);
    const vapid = (
      await t.app.inject({ method: 'GET', url: '/api/v1/devices/web-push/vapid-public-key', headers: user.headers })
    ).json<{ publicKey: string }>().publicKey;

    const job = notificationJob(user.id, { title: 'Invitation to Dvor United', body: 'Join us on Sunday' });
    await publishNotification(t.vhost.url, job);
    await publishNotification(t.vhost.url, job);
    await eventually(async () => pushService.to(path).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const pushes = pushService.to(path);
    expect(pushes).toHaveLength(1);
    const [push] = pushes;
    expect(push.method).toBe('POST');
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers['content-type']).toBe('application/octet-stream');
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);

    // VAPID (RFC 8292): `vapid t=<ES256 JWT for the push service origin>, k=<our public key>`.
    const authorization = String(push.headers.authorization);
    const match = /^vapid t=([^,]+), k=([A-Za-z0-9_-]+)$/.exec(authorization);
    expect(match).not.toBeNull();
    const [, jwt, k] = match as RegExpExecArray;
    expect(k).toBe(vapid);
    const raw = Buffer.from(k, 'base64url');
    const { importJWK, jwtVerify } = await import('jose');
    const key = await importJWK(
      {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33, 65).toString('base64url'),
      },
      'ES256',
    );
    const { payload } = await jwtVerify(jwt, key, { audience: pushService.url, algorithms: ['ES256'] });
    expect(payload.sub).toMatch(/^mailto:/);

    // Only the browser's private key opens the body (RFC 8291).
    expect(push.body.toString('utf8')).not.toContain('Dvor United');
    expect(browser.decrypt(push.body)).toMatchObject({
      notificationId: job.data.notificationId,
      kind: 'team_invite',
      title: 'Invitation to Dvor United',
      body: 'Join us on Sunday',
    });
  });

  it('pushes nothing for a kind the user turned push off for', async () => {
    const path = `/muted/${crypto.randomUUID()}`;
    const { user } = await subscribedUser(path);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      headers: user.headers,
      payload: { preferences: [{ kind: 'team_invite', inApp: true, email: false, push: false }] },
    });
    expect(saved.statusCode).toBe(200);
    await publishNotification(t.vhost.url, notificationJob(user.id, { kind: 'team_invite' }));
    await publishNotification(t.vhost.url, notificationJob(user.id, { kind: 'system' }));
    await eventually(async () => pushService.to(path).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pushService.to(path)).toHaveLength(1);
  });

  it('forgets a subscription the push service answers 410 Gone for', async () => {
    const path = `/gone/${crypto.randomUUID()}`;
    const { user } = await subscribedUser(path);
    pushService.answer = (request) => ({ status: request.path === path ? 410 : 201 });
    await publishNotification(t.vhost.url, notificationJob(user.id));
    await eventually(async () => (await list(user)).length === 0);
    expect(pushService.to(path)).toHaveLength(1);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/notification_pushes_total\{sender="webpush",outcome="gone"\} [1-9]/);
  });

  it('retries 429/5xx with backoff a bounded number of times within one delivery', async () => {
    const path = `/flaky/${crypto.randomUUID()}`;
    const { user } = await subscribedUser(path);
    let calls = 0;
    pushService.answer = (request) => {
      if (request.path !== path) return { status: 201 };
      calls += 1;
      return { status: calls <= 2 ? 503 : 201 };
    };
    await publishNotification(t.vhost.url, notificationJob(user.id));
    await eventually(async () => calls >= 3);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(calls).toBe(3);
    expect(await list(user)).toHaveLength(1);
  });

  it('redelivers a job whose push keeps failing without pushing twice where it worked, then dead-letters it', async () => {
    const okPath = `/ok/${crypto.randomUUID()}`;
    const downPath = `/down/${crypto.randomUUID()}`;
    const { user } = await subscribedUser(okPath);
    expect(
      (await subscribe(user, { endpoint: `${pushService.url}${downPath}`, keys: browserKeys().keys })).statusCode,
    ).toBe(201);
    pushService.answer = (request) => ({ status: request.path === downPath ? 500 : 201 });
    await publishNotification(t.vhost.url, notificationJob(user.id));
    // NOTIFICATION_MAX_ATTEMPTS (3) deliveries × (1 + PUSH_RETRIES) requests each.
    await eventually(
      async () => ((await queueInfo(t.vhost.name, 'user.notifications.dlq')).messages ?? 0) === 1,
      30_000,
    );
    expect(pushService.to(downPath)).toHaveLength(9);
    expect(pushService.to(okPath)).toHaveLength(1);
  });

  it('refuses bad subscriptions, foreign endpoints and more browsers than the cap', async () => {
    const user = newUser();
    const bad = await subscribe(user, {
      endpoint: 'ftp://push.example/abc',
      keys: { p256dh: 'not-a-key', auth: '!!' },
      extra: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['endpoint', 'keys.p256dh', 'keys.auth', 'extra']),
    );

    // The service POSTs to what a client sends: only push services' hosts, only https (outside tests).
    for (const endpoint of ['http://169.254.169.254/latest/meta-data', 'https://push.services.mozilla.com.evil.test/x'])
      expect((await subscribe(user, { endpoint, keys: browserKeys().keys })).json().code).toBe(
        'WEB_PUSH_ENDPOINT_NOT_ALLOWED',
      );

    const endpoint = `${pushService.url}/owned/${crypto.randomUUID()}`;
    expect((await subscribe(user, { endpoint, keys: browserKeys().keys })).statusCode).toBe(201);
    const stranger = newUser();
    const taken = await subscribe(stranger, { endpoint, keys: browserKeys().keys });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('WEB_PUSH_ENDPOINT_IN_USE');
    const [mine] = await list(user);
    const removeByStranger = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/devices/web-push/subscriptions/${mine.id}`,
      headers: stranger.headers,
    });
    expect(removeByStranger.statusCode).toBe(404);

    for (let i = 0; i < 2; i += 1)
      expect(
        (
          await subscribe(user, {
            endpoint: `${pushService.url}/more/${crypto.randomUUID()}`,
            keys: browserKeys().keys,
          })
        ).statusCode,
      ).toBe(201);
    const over = await subscribe(user, { endpoint: `${pushService.url}/over`, keys: browserKeys().keys });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('WEB_PUSH_SUBSCRIPTION_LIMIT');
    expect(await list(user)).toHaveLength(3);
    expect((await list(user))[0].origin).toBe(pushService.url);
  });
});
