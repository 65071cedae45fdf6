import { join } from 'node:path';
import { migrationsFor, ServiceTokenProvider, tokenUrlFor } from '@prodvor/platform';
import {
  createTestDatabase,
  createRealmUser,
  createTestVhost,
  loginAs,
  serverUrls,
  startServiceProcess,
  startTestKafka,
  type ServiceProcess,
  testKeycloak,
  tokenClaims,
  uniqueName,
  uniqueUsername,
  type TestKafka,
  type TestDatabase,
  type TestVhost,
  TEST_ALLOWED_CLIENTS,
} from '@prodvor/testing';
import { startDevEdge } from '../src/edge';
import { renderedKongFile } from '../src/edge/testing/edge-fixtures';

/**
 * The whole path as a client sees it: the real Keycloak issues a realm token, the dev edge
 * (reading gateway/kong.yaml) verifies it and applies the header contract, and the built
 * services (`npm run setup` builds them) answer as the caller.
 */
const root = join(__dirname, '../../..');

/** A built service as its own process, with the file's database, broker and vhost. */
function startBuiltService(
  name: string,
  env: Record<string, string>,
  resources: { db: TestDatabase; kafka: TestKafka; vhost: TestVhost },
): Promise<ServiceProcess> {
  return startServiceProcess(join(root, 'services', name, 'dist/main.js'), {
    SERVICE_NAME: name,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: resources.db.url,
    REDIS_URL: serverUrls.redis,
    REDIS_KEY_PREFIX: uniqueName(name),
    ...resources.kafka.env,
    RABBITMQ_URL: resources.vhost.url,
    ...env,
  });
}

describe('the platform through the dev edge and the real Keycloak', () => {
  const identity = testKeycloak();
  let edge: { url: string; stop(): Promise<void> };
  let team: ServiceProcess;
  let user: ServiceProcess;
  let ai: ServiceProcess;
  let userDb: TestDatabase;
  let resources: { db: TestDatabase; kafka: TestKafka; vhost: TestVhost };

  beforeAll(async () => {
    resources = {
      db: await createTestDatabase('team', migrationsFor(join(root, 'services/team/prisma/migrations'))),
      kafka: await startTestKafka(),
      vhost: await createTestVhost('stack'),
    };
    // The demo accounts log in through the dev-only client prodvor-dev-cli, which `npm run dev` allows too.
    const oidc = { OIDC_ISSUER: identity.issuer, OIDC_ALLOWED_CLIENTS: TEST_ALLOWED_CLIENTS };
    team = await startBuiltService('team', oidc, resources);
    userDb = await createTestDatabase('user', migrationsFor(join(root, 'services/user/prisma/migrations')));
    user = await startBuiltService(
      'user',
      {
        ...oidc,
        KEYCLOAK_URL: identity.url,
        KEYCLOAK_CLIENT_SECRET: identity.userServiceSecret,
      },
      { ...resources, db: userDb },
    );
    ai = await startBuiltService('ai', oidc, resources);
    // gateway/kong.yaml rendered from the real realm's JWKS, as `npm run dev` and compose's kong-keys do.
    edge = await startDevEdge({
      kongFile: await renderedKongFile({ issuer: identity.issuer }),
      upstreams: { team: team.url, user: user.url, ai: ai.url },
      rateLimit: false,
    });
  }, 120_000);

  afterAll(async () => {
    await edge?.stop();
    await team?.stop();
    await user?.stop();
    await ai?.stop();
    await userDb?.drop();
    await resources?.kafka.stop();
    await resources?.vhost.drop();
    await resources?.db.drop();
  });

  async function login(username: string, password: string): Promise<{ token: string; sub: string }> {
    const { access_token: token } = await loginAs(username, password);
    return { token, sub: tokenClaims(token).sub as string };
  }
  /** A fresh realm user, logged in (files share the realm, so no demo account is changed here). */
  async function freshLogin(): Promise<{ token: string; sub: string }> {
    const user = await createRealmUser();
    return login(user.username, user.password);
  }

  const createTeam = (headers: Record<string, string>, name: string) =>
    fetch(`${edge.url}/api/v1/teams`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ name, city: 'Kazan', format: '5x5' }),
    });

  async function captainOf(teamId: string): Promise<string | undefined> {
    const page = (await (await fetch(`${edge.url}/api/v1/teams/${teamId}`)).json()) as {
      members?: { userId: string; role: string }[];
      roster?: { userId: string; role: string }[];
    };
    return (page.members ?? page.roster)?.find((m) => m.role === 'captain')?.userId;
  }

  it('register through the edge, log in at the token endpoint, then read the new profile', async () => {
    const username = uniqueUsername('stack.newcomer');
    const email = `${username}@example.com`;
    const registered = await fetch(`${edge.url}/api/v1/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email, password: 'newcomer-pass-7' }),
    });
    expect(registered.status).toBe(202);
    // No id (the answer is the same when the address has an account): logging in tells it.
    expect(await registered.json()).toEqual({ username, email, emailVerification: 'sent' });
    const { token, sub } = await login(username, 'newcomer-pass-7');
    const me = await fetch(`${edge.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: sub, username, email, emailVerified: false });
    const again = await fetch(`${edge.url}/api/v1/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email: `${uniqueUsername('other')}@example.com`, password: 'newcomer-pass-7' }),
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('USERNAME_TAKEN');
    // The verification routes are reached through the same public route (the service checks the token).
    const verify = await fetch(`${edge.url}/api/v1/register/verify-email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x'.repeat(43) }),
    });
    expect(((await verify.json()) as { code: string }).code).toBe('EMAIL_VERIFICATION_INVALID');
    const resend = await fetch(`${edge.url}/api/v1/register/resend-verification`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(resend.status).toBe(202);
    expect((await fetch(`${edge.url}/api/v1/register/resend-verification`, { method: 'POST' })).status).toBe(401);
  });

  it('login at the token endpoint, then an authenticated call reaches the service as that user', async () => {
    // A demo account from keycloak/dev-seed.json, as `npm run dev` offers it.
    const { token, sub } = await login('captain1', 'captain1-pass-1');
    const response = await createTeam({ authorization: `Bearer ${token}` }, 'Stack United');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-correlation-id')).toBeTruthy();
    const created = (await response.json()) as { id: string };
    expect(await captainOf(created.id)).toBe(sub);
  });

  it('never lets forged identity headers through, with or without a valid token', async () => {
    const { token, sub } = await freshLogin();
    const forged = {
      'x-authenticated-userid': '0b8f2a55-6a4f-4b53-9d4e-0e2b8c1f0a06',
      'x-userinfo': Buffer.from(
        JSON.stringify({ sub: '0b8f2a55-6a4f-4b53-9d4e-0e2b8c1f0a06', realm_access: { roles: ['admin'] } }),
      ).toString('base64'),
    };
    const withToken = await createTeam({ ...forged, authorization: `Bearer ${token}` }, 'Forgers FC');
    expect(withToken.status).toBe(201);
    expect(await captainOf(((await withToken.json()) as { id: string }).id)).toBe(sub);
    const withoutToken = await createTeam(forged, 'Forgers FC 2');
    expect(withoutToken.status).toBe(401);
  });

  it('serves public reads without a token and refuses writes without one', async () => {
    const list = await fetch(`${edge.url}/api/v1/teams?limit=5`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect((await createTeam({}, 'Anonymous FC')).status).toBe(401);
  });

  it("reaches the ai-service's moderation as chat-service's service account only, never as a user", async () => {
    const { token, sub } = await freshLogin();
    const moderate = (bearer: string) =>
      fetch(`${edge.url}/api/v1/ai/moderation`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'call me at +7 912 345-67-89', authorId: sub }),
      });
    // A user cannot spend chat's review budget (issue #17).
    const asUser = await moderate(token);
    expect(asUser.status).toBe(403);
    expect(await asUser.json()).toMatchObject({ code: 'FORBIDDEN' });
    // The realm's prodvor-chat-service account (client credentials) is let through; no model: the rules answer.
    const service = await new ServiceTokenProvider({
      tokenUrl: tokenUrlFor(identity.issuer),
      clientId: 'prodvor-chat-service',
      clientSecret: identity.chatServiceSecret,
    }).token();
    const asService = await moderate(service);
    expect(asService.status).toBe(200);
    expect(await asService.json()).toMatchObject({ verdict: 'personal_data', decidedBy: 'rules' });
  });

  it('refuses a token signed by someone else and an expired-looking garbage token', async () => {
    const { token } = await freshLogin();
    const [header, payload] = token.split('.');
    const tampered = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await createTeam({ authorization: `Bearer ${tampered}` }, 'Tampered FC')).status).toBe(401);
    expect((await createTeam({ authorization: 'Bearer abc.def.ghi' }, 'Garbage FC')).status).toBe(401);
  });
});
