import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

describe('device tokens over HTTP', () => {
  let t: UserTestApp;

  beforeAll(async () => {
    t = await startUserApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const register = (user: TestUser, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/devices', headers: user.headers, payload });
  const list = async (user: TestUser) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/devices', headers: user.headers })).json<{ id: string }[]>();

  it('stores a token once, moves it to whoever registers it last, and lets only the owner remove it', async () => {
    const first = newUser();
    const created = await register(first, { token: 'fcm:token-abcdef-123', platform: 'android' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).not.toHaveProperty('token');
    expect(await list(first)).toHaveLength(1);

    const second = newUser();
    await register(second, { token: 'fcm:token-abcdef-123', platform: 'android' });
    expect(await list(first)).toEqual([]);
    const [device] = await list(second);

    const stranger = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${device.id}`,
      headers: first.headers,
    });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().code).toBe('DEVICE_NOT_FOUND');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${device.id}`,
      headers: second.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect(await list(second)).toEqual([]);
  });

  it('refuses bad tokens and platforms', async () => {
    const res = await register(newUser(), { token: 'has spaces in it', platform: 'symbian', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['token', 'platform', 'extra']),
    );
  });
});
