import { randomUUID } from 'node:crypto';
import { CacheService, cacheKey, checkOpenApiDocument, findRoutesWithoutAccessPolicy } from '@prodvor/platform';
import {
  forgedClaimsHeaders,
  processTestIdentity,
  walkForgedIdentities,
  type TestIdentityProvider,
} from '@prodvor/testing';
import { join } from 'node:path';
import { newUser, startTeamApp, type TeamTestApp, type TestUser } from './support/team-app';

describe('teams over HTTP', () => {
  let t: TeamTestApp;
  let idp: TestIdentityProvider;

  beforeAll(async () => {
    idp = await processTestIdentity();
    t = await startTeamApp({ OIDC_ISSUER: idp.issuer, OIDC_JWKS_URL: idp.jwksUrl });
  });

  afterAll(async () => {
    await t?.close();
    await idp?.stop();
  });

  const createTeam = async (user: TestUser, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { ...user.headers, ...headers },
      payload: { name: 'Dvor United', format: '5x5', city: 'Kazan', ...body },
    });

  it('creates a team whose creator is captain, and serves its public page', async () => {
    const captain = newUser();
    const res = await createTeam(captain, { shortName: 'DVU', colors: ['#ff0000'], recruiting: true });
    expect(res.statusCode).toBe(201);
    const team = res.json();
    expect(team).toMatchObject({ name: 'Dvor United', format: '5x5', recruiting: true, memberCount: 1 });

    const page = await t.app.inject({ method: 'GET', url: `/api/v1/teams/${team.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().members).toEqual([expect.objectContaining({ userId: captain.id, role: 'captain' })]);
  });

  it('answers 401 without identity and 400 problem+json for bad input', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/teams', payload: {} })).statusCode).toBe(401);
    const res = await createTeam(newUser(), { name: 'x', format: '9x9', colors: ['red'], extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'format', 'colors', 'extra']));
    const badId = await t.app.inject({ method: 'GET', url: '/api/v1/teams/not-a-uuid' });
    expect(badId.statusCode).toBe(400);
  });

  it('accepts a realm bearer token without the gateway, and refuses spoofed or forged identities', async () => {
    const user = newUser();
    const token = await idp.mintToken({ sub: user.id });
    const viaToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'Token FC', format: '7x7' },
    });
    expect(viaToken.statusCode).toBe(201);
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/teams/${viaToken.json().id}` });
    expect(page.json().members[0]).toMatchObject({ userId: user.id, role: 'captain' });

    // The captain's (and an admin's) identity forged in claims headers: ignored. Alone: nobody (401);
    // with a stranger's valid token: the stranger, who is not the captain (403).
    const forgedCaptain = forgedClaimsHeaders({ sub: user.id, realm_access: { roles: ['player', 'admin'] } });
    const alone = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${viaToken.json().id}`,
      headers: forgedCaptain,
      payload: { name: 'Spoofed' },
    });
    expect(alone.statusCode).toBe(401);
    expect(alone.headers['content-type']).toContain('application/problem+json');
    const spoofed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${viaToken.json().id}`,
      headers: { ...forgedCaptain, ...newUser().headers },
      payload: { name: 'Spoofed' },
    });
    expect(spoofed.statusCode).toBe(403);
    expect(spoofed.json()).toMatchObject({ code: 'TEAM_NOT_MANAGER' });
    const forged = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${viaToken.json().id}`,
      headers: { authorization: `Bearer ${await idp.badSignatureToken({ sub: user.id })}` },
      payload: { name: 'Forged' },
    });
    expect(forged.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/teams/${viaToken.json().id}` })).json().name).toBe(
      'Token FC',
    );
  });

  it('walks forged identities: claims headers and tokens that are not its access tokens never pass', async () => {
    const captain = newUser();
    const team = (await createTeam(captain)).json<{ id: string }>();
    const failures = await walkForgedIdentities({
      // Renaming needs the captain (or vice): a stranger's valid token is the stranger, refused 403.
      send: (headers) =>
        t.app.inject({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, headers, payload: { name: 'Taken' } }),
      user: newUser().headers,
      servedAsUser: 403,
    });
    expect(failures).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/teams/${team.id}` })).json().name).toBe('Dvor United');
  });

  it('creates one team per Idempotency-Key, even for concurrent retries', async () => {
    const user = newUser();
    const key = { 'idempotency-key': `key-${user.id}` };
    const [a, b] = await Promise.all([createTeam(user, {}, key), createTeam(user, {}, key)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    const again = await createTeam(user, {}, key);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(a.json().id);
    const different = await createTeam(user, { name: 'Other name' }, key);
    expect(different.statusCode).toBe(422);
    expect(different.json().code).toBe('TEAM_IDEMPOTENCY_KEY_REUSED');
  });

  it('lets the captain update and archive, refuses a stranger, and invalidates the cached page', async () => {
    const captain = newUser();
    const team = (await createTeam(captain)).json();
    await t.app.inject({ method: 'GET', url: `/api/v1/teams/${team.id}` });
    const cache = t.app.get(CacheService);
    const cached = () => cache.get<{ name: string }>(cacheKey('team-page', team.id));
    expect(await cached()).toMatchObject({ name: 'Dvor United' });

    const stranger = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${team.id}`,
      headers: newUser().headers,
      payload: { name: 'Hijacked' },
    });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().code).toBe('TEAM_NOT_MANAGER');

    const updated = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${team.id}`,
      headers: captain.headers,
      payload: { name: 'Dvor City', recruiting: true, logoMediaId: null },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Dvor City', recruiting: true, logo: null });
    const logoMediaId = randomUUID();
    const withLogo = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${team.id}`,
      headers: captain.headers,
      payload: { logoMediaId },
    });
    // The public page embeds stable links to the logo's variants, not a bare media id.
    expect(withLogo.json().logo).toEqual({
      mediaId: logoMediaId,
      variants: {
        'logo-128': `/api/v1/public-media/${logoMediaId}/logo-128`,
        'logo-512': `/api/v1/public-media/${logoMediaId}/logo-512`,
      },
    });
    expect(await cached()).toBeUndefined();
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/teams/${team.id}` });
    expect(page.json().name).toBe('Dvor City');

    const archived = await t.app.inject({
      method: 'POST',
      url: `/api/v1/teams/${team.id}/archive`,
      headers: captain.headers,
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).not.toBeNull();
    const again = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${team.id}`,
      headers: captain.headers,
      payload: { name: 'Back' },
    });
    expect(again.json().code).toBe('TEAM_ARCHIVED');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/teams/${team.id}` })).json().archivedAt).not.toBeNull();
  });

  it('answers 404 TEAM_NOT_FOUND for an unknown team', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/teams/0190f0a0-0000-7000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('TEAM_NOT_FOUND');
  });

  it('lists and searches active teams by name, city and recruiting with cursor pagination', async () => {
    const user = newUser();
    const city = `City-${user.id.slice(0, 6)}`;
    for (const [name, recruiting] of [
      ['Alpha Search', true],
      ['Beta Search', false],
      ['Gamma Search', true],
    ] as const) {
      expect((await createTeam(user, { name, city, recruiting })).statusCode).toBe(201);
    }
    const first = await t.app.inject({ method: 'GET', url: `/api/v1/teams?city=${city.toLowerCase()}&limit=2` });
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((i: { name: string }) => i.name)).toEqual(['Gamma Search', 'Beta Search']);
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/v1/teams?city=${city}&limit=2&cursor=${first.json().nextCursor}`,
    });
    expect(second.json()).toEqual({ items: [expect.objectContaining({ name: 'Alpha Search' })], nextCursor: null });
    const recruiting = await t.app.inject({ method: 'GET', url: `/api/v1/teams?city=${city}&recruiting=true&q=gamm` });
    expect(recruiting.json().items.map((i: { name: string }) => i.name)).toEqual(['Gamma Search']);
    const badCursor = await t.app.inject({ method: 'GET', url: '/api/v1/teams?cursor=%25%25' });
    expect(badCursor.json().code).toBe('INVALID_CURSOR');
  });

  it('marks every route with an access policy and keeps openapi.json up to date', async () => {
    expect(findRoutesWithoutAccessPolicy(t.app)).toEqual([]);
    const { generated, checkedIn } = await checkOpenApiDocument(t.app, join(__dirname, '../openapi.json'));
    expect(checkedIn).toEqual(generated);
  });

  it('reports ready with its database, cache and Kafka', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().checks)).toEqual(expect.arrayContaining(['database', 'cache', 'kafka']));
  });
});
