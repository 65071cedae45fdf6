import { checkOpenApiDocument, findRoutesWithoutAccessPolicy } from '@prodvor/platform';
import { createRealmUser } from '@prodvor/testing';
import { join } from 'node:path';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

describe('profiles over HTTP', () => {
  let t: UserTestApp;

  beforeAll(async () => {
    t = await startUserApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const me = (user: TestUser) => t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.headers });
  const patch = (user: TestUser, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: user.headers, payload });

  it('creates a profile just in time for an account made elsewhere, from its token claims', async () => {
    const user = newUser();
    const res = await me(user);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: user.id,
      username: user.username,
      displayName: user.username,
      email: `${user.username}@example.test`,
      // The token does not say Keycloak verified it.
      emailVerified: false,
      locale: 'ru',
      avatar: null,
    });
    const [twice, again] = await Promise.all([me(user), me(user)]);
    expect([twice.statusCode, again.statusCode]).toEqual([200, 200]);
  });

  it('accepts a real realm token on the bearer path', async () => {
    const player = await createRealmUser();
    const token = await t.login(player.username, player.password);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    // Keycloak verified this address (email_verified in the token): the profile takes its word.
    expect(res.json()).toMatchObject({
      id: player.id,
      username: player.username,
      email: player.email,
      emailVerified: true,
    });
  });

  it('updates whitelisted fields and refuses forbidden, invalid and oversize ones', async () => {
    const user = newUser();
    const ok = await patch(user, {
      displayName: 'Ivan the Striker',
      city: 'Kazan',
      birthYear: 1995,
      preferredPositions: ['forward', 'midfielder'],
      dominantFoot: 'left',
      skillLevel: 7,
      bio: 'Plays on Sundays',
      locale: 'en',
      timeZone: 'Europe/Moscow',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      displayName: 'Ivan the Striker',
      skillLevel: 7,
      birthYear: 1995,
      locale: 'en',
      timeZone: 'Europe/Moscow',
    });
    for (const timeZone of ['Mars/Olympus_Mons', 'Europe/../etc', '+03:00', 'x'.repeat(65)]) {
      const badZone = await patch(user, { timeZone });
      expect(badZone.statusCode).toBe(400);
      expect(badZone.json().errors.map((e: { field: string }) => e.field)).toEqual(['timeZone']);
    }
    expect((await patch(user, { timeZone: null })).json().timeZone).toBeNull();

    const forbidden = await patch(user, { roles: ['admin'], id: newUser().id, email: 'takeover@example.test' });
    expect(forbidden.statusCode).toBe(400);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    expect(forbidden.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['roles', 'id', 'email']),
    );

    const invalid = await patch(user, {
      skillLevel: 11,
      locale: 'de',
      dominantFoot: 'hand',
      preferredPositions: ['striker'],
      displayName: 'x'.repeat(81),
      bio: 'b'.repeat(1001),
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['skillLevel', 'locale', 'dominantFoot', 'preferredPositions', 'displayName', 'bio']),
    );
    const future = await patch(user, { birthYear: new Date().getUTCFullYear() + 1 });
    expect(future.json().code).toBe('USER_BIRTH_YEAR_IN_FUTURE');

    const cleared = await patch(user, { city: null, bio: null });
    expect(cleared.json()).toMatchObject({ city: null, bio: null, displayName: 'Ivan the Striker' });
    expect((await me(user)).json().email).toBe(`${user.username}@example.test`);
  });

  it("never returns another user's private fields, and serves a fresh public profile after an update", async () => {
    const owner = newUser();
    await patch(owner, { birthYear: 1990, city: 'Perm', displayName: 'Owner' });
    const stranger = newUser();
    const seen = await t.app.inject({ method: 'GET', url: `/api/v1/users/${owner.id}`, headers: stranger.headers });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ id: owner.id, displayName: 'Owner', city: 'Perm' });
    for (const field of ['email', 'emailVerified', 'birthYear', 'locale', 'avatarMediaId', 'createdAt']) {
      expect(seen.json()).not.toHaveProperty(field);
    }
    expect(seen.body).not.toContain('example.test');

    await patch(owner, { displayName: 'Owner Renamed' });
    const fresh = await t.app.inject({ method: 'GET', url: `/api/v1/users/${owner.id}`, headers: stranger.headers });
    expect(fresh.json().displayName).toBe('Owner Renamed');

    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users/0190f0a0-0000-7000-8000-000000000000',
      headers: stranger.headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('USER_NOT_FOUND');
  });

  it('searches by name, city and position with cursor pagination, without private fields', async () => {
    const city = `Town-${newUser().id.slice(0, 6)}`;
    const names = ['Alpha Keeper', 'Beta Keeper', 'Gamma Forward'];
    for (const [i, displayName] of names.entries()) {
      const res = await patch(newUser(), {
        displayName,
        city,
        birthYear: 2000,
        preferredPositions: [i < 2 ? 'goalkeeper' : 'forward'],
      });
      expect(res.statusCode).toBe(200);
    }
    const search = (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/users?${query}`, headers: newUser().headers });
    const first = await search(`city=${city.toLowerCase()}&limit=2`);
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(2);
    const second = await search(`city=${city}&limit=2&cursor=${first.json().nextCursor}`);
    expect(second.json().items).toHaveLength(1);
    expect(second.json().nextCursor).toBeNull();
    const all = [...first.json().items, ...second.json().items].map((p: { displayName: string }) => p.displayName);
    expect(all.sort()).toEqual(names);
    expect(first.body).not.toContain('birthYear');
    const keepers = await search(`city=${city}&position=goalkeeper&q=beta`);
    expect(keepers.json().items.map((p: { displayName: string }) => p.displayName)).toEqual(['Beta Keeper']);
    expect((await search('position=striker')).statusCode).toBe(400);
  });

  it('answers 401 without identity', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(401);
  });

  it('marks every route with an access policy and keeps openapi.json up to date', async () => {
    expect(findRoutesWithoutAccessPolicy(t.app)).toEqual([]);
    const { generated, checkedIn } = await checkOpenApiDocument(t.app, join(__dirname, '../openapi.json'));
    expect(checkedIn).toEqual(generated);
  });
});
