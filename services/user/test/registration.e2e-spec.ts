import { createRealmUser, tokenClaims, uniqueUsername } from '@prodvor/testing';
import { probeTopic } from './support/kafka-probe';
import { newUser, startUserApp, type UserTestApp } from './support/user-app';

describe('registration over HTTP (real Keycloak)', () => {
  let t: UserTestApp;
  let ip = 1;

  beforeAll(async () => {
    t = await startUserApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  // Each test registers from its own client address, so the per-IP rate limit counts only its own calls.
  const clientIp = () => `10.0.0.${ip++}`;
  const register = (payload: Record<string, unknown>, from = clientIp()) =>
    t.app.inject({ method: 'POST', url: '/api/v1/register', headers: { 'x-forwarded-for': from }, payload });

  it('creates a Keycloak account that logs in at once, its profile and a user.registered event', async () => {
    const probe = await probeTopic(t.kafka, 'user.events.v1');
    try {
      const username = uniqueUsername('new.player');
      const email = `${username}@example.test`;
      const res = await register({
        username,
        email: email.replace('new.player', 'New.Player'),
        password: 'yard-ball-2024',
      });
      expect(res.statusCode).toBe(202);
      // No id: the same answer must come back when the address belongs to another account.
      expect(res.json()).toEqual({ username, email, emailVerification: 'sent' });

      // At once: no first/last name, no address and no required action stands between the new account and a token.
      const token = await t.login(username, 'yard-ball-2024');
      const id = tokenClaims(token).sub as string;
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/v1/users/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.json()).toMatchObject({ id, username, email, emailVerified: false });

      await t.flushOutbox();
      await probe.waitFor((events) => events.some((e) => e.envelope.type === 'user.registered' && e.key === id));
      const event = probe.received.find((e) => e.envelope.type === 'user.registered')!;
      // The address is not announced before it is proved.
      expect(event.envelope.data).toEqual({ userId: id, username });
    } finally {
      await probe.stop();
    }
  });

  it('answers 409 USERNAME_TAKEN for a taken username, whatever the e-mail', async () => {
    const existing = await createRealmUser();
    const fresh = uniqueUsername('fresh');
    const taken = await register({
      username: existing.username,
      email: `${fresh}@example.test`,
      password: 'yard-ball-2024',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
    expect(taken.json().code).toBe('USERNAME_TAKEN');
    expect(taken.body).not.toContain('e-mail');
    const both = await register({ username: existing.username, email: existing.email, password: 'yard-ball-2024' });
    expect(both.json()).toMatchObject({ code: 'USERNAME_TAKEN', detail: taken.json().detail });
  });

  it('answers a taken e-mail like a free one: 202, the same body, and an account that logs in', async () => {
    const existing = await createRealmUser();
    const fresh = uniqueUsername('fresh');
    const res = await register({ username: fresh, email: existing.email, password: 'yard-ball-2024' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ username: fresh, email: existing.email, emailVerification: 'sent' });
    await expect(t.login(fresh, 'yard-ball-2024')).resolves.toBeTruthy();
  });

  it('refuses weak passwords, invalid e-mails, bad usernames and oversize fields with 400', async () => {
    const weak = await register({ username: 'weakling', email: 'weak@example.test', password: 'onlyletters' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'USER_WEAK_PASSWORD', errors: [{ field: 'password' }] });
    const sameAsName = await register({ username: 'striker2024', email: 's@example.test', password: 'striker2024' });
    expect(sameAsName.json().code).toBe('USER_WEAK_PASSWORD');

    const invalid = await register({
      username: 'Bad Name!',
      email: 'not-an-email',
      password: 'short1',
      roles: ['admin'],
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['username', 'email', 'password', 'roles']),
    );
    const oversize = await register({
      username: 'a'.repeat(33),
      email: `${'e'.repeat(250)}@example.test`,
      password: `${'p1'.repeat(65)}`,
    });
    expect(oversize.statusCode).toBe(400);
    expect(oversize.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['username', 'email', 'password']),
    );
  });

  it("does not let Keycloak's refusals open the circuit: after five duplicate sign-ups everything still works", async () => {
    const existing = await createRealmUser();
    for (let i = 0; i < 6; i++) {
      const again = await register({
        username: existing.username,
        email: `${uniqueUsername('dup')}@example.test`,
        password: 'yard-ball-2024',
      });
      expect(again.statusCode).toBe(409);
    }
    const username = uniqueUsername('after');
    const fresh = await register({ username, email: `${username}@example.test`, password: 'yard-ball-2024' });
    expect(fresh.statusCode).toBe(202);
    const newcomerToken = await t.login(username, 'yard-ball-2024');
    const newcomerId = tokenClaims(newcomerToken).sub as string;

    const admin = await createRealmUser({ roles: ['admin'] });
    const asAdmin = { authorization: `Bearer ${await t.login(admin.username, admin.password)}` };
    const granted = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${newcomerId}/roles/organizer`,
      headers: asAdmin,
    });
    expect(granted.statusCode).toBe(200);
    const asNewcomer = { authorization: `Bearer ${newcomerToken}` };
    const deleted = await t.app.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: asNewcomer });
    expect(deleted.statusCode).toBe(204);
  });

  it('is rate limited per client address', async () => {
    const from = clientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await register({ username: 'x', email: 'bad', password: 'p' }, from)).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("counts sign-ups per client address even when each carries another account's token", async () => {
    const from = clientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/register',
        headers: { ...newUser().headers, 'x-forwarded-for': from },
        payload: { username: 'x', email: 'bad', password: 'p' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('reports ready with its database, cache, Kafka and RabbitMQ', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().checks)).toEqual(expect.arrayContaining(['database', 'cache', 'kafka', 'rabbitmq']));
  });
});

describe('registration while Keycloak is down', () => {
  let t: UserTestApp;

  beforeAll(async () => {
    // A port nothing listens on: every Admin API call fails fast.
    t = await startUserApp({ KEYCLOAK_URL: 'http://127.0.0.1:9', KEYCLOAK_TIMEOUT_MS: '1000' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 DEPENDENCY_UNAVAILABLE without leaking the cause', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/register',
      payload: { username: 'unlucky', email: 'unlucky@example.test', password: 'yard-ball-2024' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(res.body).not.toContain('ECONNREFUSED');
  });
});
