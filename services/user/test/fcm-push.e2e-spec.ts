import { generateKeyPairSync } from 'node:crypto';
import { eventually, startHttpRecorder, type HttpRecorder } from '@prodvor/testing';
import { notificationJob, publishNotification } from './support/rabbit-publisher';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

const SEND_PATH = '/v1/projects/prodvor-test/messages:send';

/** FCM HTTP v1 and Google's OAuth token endpoint, stubbed at the HTTP boundary by one local server. */
describe('FCM HTTP v1 pushes to device tokens', () => {
  let t: UserTestApp;
  let fcm: HttpRecorder;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** Answers of the send endpoint by device token (default 200). */
  const byToken = new Map<string, () => { status: number; json?: unknown }>();

  beforeAll(async () => {
    fcm = await startHttpRecorder();
    fcm.answer = (request) => {
      if (request.path === '/token')
        return { status: 200, json: { access_token: 'ya29.test-token', expires_in: 3600, token_type: 'Bearer' } };
      const token = (JSON.parse(request.body.toString('utf8')) as { message: { token: string } }).message.token;
      return byToken.get(token)?.() ?? { status: 200, json: { name: 'projects/prodvor-test/messages/1' } };
    };
    t = await startUserApp({
      FCM_SERVICE_ACCOUNT_JSON: JSON.stringify({
        type: 'service_account',
        project_id: 'prodvor-test',
        client_email: 'push@prodvor-test.iam.gserviceaccount.com',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      }),
      FCM_BASE_URL: fcm.url,
      FCM_TOKEN_URL: `${fcm.url}/token`,
      PUSH_BACKOFF_MS: '20',
      PUSH_RETRIES: '2',
    });
  });

  afterAll(async () => {
    await t?.close();
    await fcm?.close();
  });

  const userWithDevice = async (token: string): Promise<TestUser> => {
    const user = newUser();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.headers })).statusCode).toBe(
      200,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/devices',
      headers: user.headers,
      payload: { token, platform: 'android' },
    });
    expect(res.statusCode).toBe(201);
    return user;
  };
  const sendsTo = (token: string) =>
    fcm
      .to(SEND_PATH)
      .filter((r) => (JSON.parse(r.body.toString('utf8')) as { message: { token: string } }).message.token === token);

  it('sends a message with an OAuth token from a signed JWT grant, once per notification', async () => {
    const token = `fcm-${crypto.randomUUID()}`;
    const user = await userWithDevice(token);
    const job = notificationJob(user.id, { title: 'Invitation', body: 'Join Dvor United' });
    await publishNotification(t.vhost.url, job);
    await publishNotification(t.vhost.url, job);
    await eventually(async () => sendsTo(token).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const sends = sendsTo(token);
    expect(sends).toHaveLength(1);
    expect(sends[0].headers.authorization).toBe('Bearer ya29.test-token');
    expect(JSON.parse(sends[0].body.toString('utf8'))).toMatchObject({
      message: {
        token,
        notification: { title: 'Invitation', body: 'Join Dvor United' },
        data: { notificationId: job.data.notificationId, kind: 'team_invite', teamId: job.data.data.teamId },
      },
    });

    // The grant (RFC 7523): an RS256 JWT by the service account, for the token endpoint, with FCM's scope.
    const [grant] = fcm.to('/token');
    const form = new URLSearchParams(grant.body.toString('utf8'));
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const { jwtVerify } = await import('jose');
    const { payload } = await jwtVerify(form.get('assertion') ?? '', publicKey, {
      issuer: 'push@prodvor-test.iam.gserviceaccount.com',
      audience: `${fcm.url}/token`,
      algorithms: ['RS256'],
    });
    expect(payload.scope).toBe('https://www.googleapis.com/auth/firebase.messaging');
  });

  it('forgets a token FCM calls UNREGISTERED', async () => {
    const token = `fcm-${crypto.randomUUID()}`;
    const user = await userWithDevice(token);
    byToken.set(token, () => ({
      status: 404,
      json: {
        error: {
          code: 404,
          status: 'NOT_FOUND',
          details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }],
        },
      },
    }));
    await publishNotification(t.vhost.url, notificationJob(user.id));
    await eventually(
      async () =>
        (await t.app.inject({ method: 'GET', url: '/api/v1/devices', headers: user.headers })).json<unknown[]>()
          .length === 0,
    );
    expect(sendsTo(token)).toHaveLength(1);
  });

  it('retries 429 and 5xx with backoff, a bounded number of times', async () => {
    const token = `fcm-${crypto.randomUUID()}`;
    const user = await userWithDevice(token);
    let calls = 0;
    byToken.set(token, () => {
      calls += 1;
      if (calls === 1) return { status: 429, json: { error: { status: 'RESOURCE_EXHAUSTED' } } };
      if (calls === 2) return { status: 503, json: { error: { status: 'UNAVAILABLE' } } };
      return { status: 200, json: { name: 'projects/prodvor-test/messages/2' } };
    });
    await publishNotification(t.vhost.url, notificationJob(user.id));
    await eventually(async () => calls >= 3);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(calls).toBe(3);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/devices', headers: user.headers })).json<unknown[]>(),
    ).toHaveLength(1);
  });

  it('reuses its access token until FCM answers 401, then fetches a new one', async () => {
    // Every send of this file so far used the one token.
    expect(fcm.to('/token')).toHaveLength(1);
    const token = `fcm-${crypto.randomUUID()}`;
    const user = await userWithDevice(token);
    let calls = 0;
    byToken.set(token, () => {
      calls += 1;
      return calls === 1 ? { status: 401, json: { error: { status: 'UNAUTHENTICATED' } } } : { status: 200, json: {} };
    });
    await publishNotification(t.vhost.url, notificationJob(user.id));
    await eventually(async () => calls >= 2);
    expect(fcm.to('/token')).toHaveLength(2);
    expect(sendsTo(token).map((r) => r.headers.authorization)).toEqual([
      'Bearer ya29.test-token',
      'Bearer ya29.test-token',
    ]);
  });
});
