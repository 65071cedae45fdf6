import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

describe('device tokens over HTTP', () => {
  let t: UserTestApp;

  beforeAll(async () => {
    t = await startUserApp({ DEVICE_MAX_PER_USER: '3' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const register = (user: TestUser, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/devices', headers: user.headers, payload });
  const list = async (user: TestUser) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/devices', headers: user.headers })).json<{ id: string }[]>();

  it('stores a token once, refreshes it for its owner, and lets only the owner remove it', async () => {
    const owner = newUser();
    const created = await register(owner, { token: 'fcm:token-abcdef-123', platform: 'android' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).not.toHaveProperty('token');
    const again = await register(owner, { token: 'fcm:token-abcdef-123', platform: 'android' });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(created.json().id);
    const [device] = await list(owner);
    expect(await list(owner)).toHaveLength(1);

    const stranger = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${device.id}`,
      headers: newUser().headers,
    });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().code).toBe('DEVICE_NOT_FOUND');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${device.id}`,
      headers: owner.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect(await list(owner)).toEqual([]);
  });

  it("refuses someone else's push token (409) and keeps it with its owner until they remove it", async () => {
    const owner = newUser();
    const token = `fcm:${owner.id}`;
    expect((await register(owner, { token, platform: 'ios' })).statusCode).toBe(201);
    const [device] = await list(owner);

    const stranger = newUser();
    const [taken, takenAgain] = await Promise.all([
      register(stranger, { token, platform: 'android' }),
      register(stranger, { token, platform: 'android' }),
    ]);
    for (const res of [taken, takenAgain]) {
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 409, code: 'DEVICE_TOKEN_IN_USE' });
    }
    expect(await list(stranger)).toEqual([]);
    expect(await list(owner)).toEqual([expect.objectContaining({ id: device.id, platform: 'ios' })]);

    // Once the owner removes it (logout), the next account on the device registers it.
    await t.app.inject({ method: 'DELETE', url: `/api/v1/devices/${device.id}`, headers: owner.headers });
    expect((await register(stranger, { token, platform: 'android' })).statusCode).toBe(201);
    expect(await list(stranger)).toHaveLength(1);
  });

  it('refuses more devices than DEVICE_MAX_PER_USER, but re-registering a known token still works', async () => {
    const user = newUser();
    for (let i = 0; i < 3; i += 1)
      expect((await register(user, { token: `fcm:${user.id}:${i}`, platform: 'android' })).statusCode).toBe(201);
    const over = await register(user, { token: `fcm:${user.id}:over`, platform: 'android' });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('DEVICE_LIMIT');
    expect((await register(user, { token: `fcm:${user.id}:0`, platform: 'ios' })).statusCode).toBe(201);
    expect(await list(user)).toHaveLength(3);
  });

  it('refuses bad tokens and platforms', async () => {
    const res = await register(newUser(), { token: 'has spaces in it', platform: 'symbian', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['token', 'platform', 'extra']),
    );
  });
});
