import { join } from 'node:path';
import { migrationsFor } from '@prodvor/platform';
import {
  createRealmUser,
  createTestDatabase,
  createTestVhost,
  serverUrls,
  startServiceProcess,
  startTestKafka,
  testKeycloak,
  tokenClaims,
  uniqueName,
  type RealmUser,
  type ServiceProcess,
  type TestDatabase,
  type TestKafka,
  type TestVhost,
} from '@prodvor/testing';
import type { Browser } from 'playwright-core';
import { startDevEdge, type DevEdge } from '../src/edge';
import { renderedKongFile } from '../src/edge/testing/edge-fixtures';
import { launchChromium, WebApp } from './browser/browser-kit';
import type { SessionState } from './browser/page/page-api';
import { startPageServer, type PageServer } from './browser/page-server';

/**
 * A real browser (Debian's headless Chromium through playwright-core) on the realm's web origin: the
 * page logs in on Keycloak's own login page with authorization code + PKCE as `prodvor-web`, calls
 * the API through the dev edge cross-origin (CORS), and chats over Socket.IO through the edge with
 * a second user in a second browser context. The services are the built ones (`npm run setup`).
 */
const root = join(__dirname, '../../..');
/** A first login right after Keycloak started took 28 s on a loaded 2-core machine (4 s when quiet). */
const slowMachine = { timeout: 90_000 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function accessToken(session: SessionState): string {
  if (session.status !== 'signed-in') throw new Error(`not signed in: ${JSON.stringify(session)}`);
  return session.accessToken;
}

describe('a browser: Keycloak login (code + PKCE), the API and chat via the dev edge', slowMachine, () => {
  const keycloak = testKeycloak();
  const origin = keycloak.webOrigin;
  let kafka: TestKafka;
  let vhost: TestVhost;
  let databases: TestDatabase[] = [];
  let services: ServiceProcess[] = [];
  let edge: DevEdge;
  let pages: PageServer;
  let browser: Browser;
  let anna: RealmUser;
  let boris: RealmUser;
  const opened: WebApp[] = [];

  beforeAll(async () => {
    const [userDb, chatDb] = await Promise.all(
      ['user', 'chat'].map((name) =>
        createTestDatabase(name, migrationsFor(join(root, `services/${name}/prisma/migrations`))),
      ),
    );
    databases = [userDb, chatDb];
    [kafka, vhost] = await Promise.all([startTestKafka(), createTestVhost('browser')]);
    const common = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      REDIS_URL: serverUrls.redis,
      RABBITMQ_URL: vhost.url,
      OIDC_ISSUER: keycloak.issuer,
      ...kafka.env,
    };
    const main = (name: string) => join(root, 'services', name, 'dist/main.js');
    services = await Promise.all([
      startServiceProcess(main('user'), {
        ...common,
        SERVICE_NAME: 'user',
        DATABASE_URL: userDb.url,
        REDIS_KEY_PREFIX: uniqueName('user'),
        KEYCLOAK_URL: keycloak.url,
        KEYCLOAK_CLIENT_SECRET: keycloak.userServiceSecret,
      }),
      startServiceProcess(main('chat'), {
        ...common,
        SERVICE_NAME: 'chat',
        DATABASE_URL: chatDb.url,
        REDIS_KEY_PREFIX: uniqueName('chat'),
      }),
    ]);
    const [user, chat] = services;
    edge = await startDevEdge({
      // gateway/kong.yaml rendered with the realm's keys, as compose's kong-keys and `npm run dev` do
      kongFile: await renderedKongFile({ issuer: keycloak.issuer }),
      upstreams: { user: user.url, chat: chat.url },
      corsOrigins: [origin],
      rateLimit: false,
    });
    pages = await startPageServer(origin, { issuer: keycloak.issuer, clientId: 'prodvor-web', apiUrl: edge.url });
    [browser, anna, boris] = await Promise.all([
      launchChromium(),
      createRealmUser({ prefix: 'web-anna' }),
      createRealmUser({ prefix: 'web-boris' }),
    ]);
  }, 120_000);

  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.stop();
    await edge?.stop();
    await Promise.allSettled(services.map((service) => service.stop()));
    await kafka?.stop();
    await vhost?.drop();
    await Promise.allSettled(databases.map((db) => db.drop()));
  });

  async function open(): Promise<WebApp> {
    const app = await WebApp.open(browser, { origin, issuer: keycloak.issuer, apiUrl: edge.url });
    opened.push(app);
    return app;
  }

  it('logs in on the login page with code + PKCE, then calls the API cross-origin through the edge', async () => {
    const app = await open();
    const signIn = await app.signIn(anna);

    const request = signIn.authorizationUrl.searchParams;
    expect(request.get('client_id')).toBe('prodvor-web');
    expect(request.get('response_type')).toBe('code');
    expect(request.get('redirect_uri')).toBe(pages.redirectUri);
    expect(request.get('code_challenge_method')).toBe('S256');
    expect(request.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/); // base64url SHA-256
    // The page exchanged the code at the token endpoint, cross-origin: Keycloak allowed the web origin.
    expect(signIn.token.status).toBe(200);
    expect(signIn.token.headers['access-control-allow-origin']).toBe(origin);
    const claims = tokenClaims(accessToken(signIn.session));
    expect(claims).toMatchObject({ iss: keycloak.issuer, azp: 'prodvor-web', sub: anna.id });
    expect(claims.preferred_username).toBe(anna.username);
    expect([claims.aud].flat()).toContain('prodvor-api');

    // A bearer call from the page: the browser's preflight passed, the edge verified the token.
    const me = await app.api('GET', '/api/v1/users/me');
    expect(me.answer.status).toBe(200);
    expect(me.answer.body).toMatchObject({ id: anna.id, username: anna.username });
    expect(me.seen.headers['access-control-allow-origin']).toBe(origin);
    expect(me.answer.correlationId).toMatch(UUID); // exposed to the page by Access-Control-Expose-Headers

    // The same preflight as the browser sent, from the web origin and from another one.
    const preflight = (from: string) =>
      fetch(`${edge.url}/api/v1/users/me`, {
        method: 'OPTIONS',
        headers: {
          origin: from,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(origin);
    expect(allowed.status).toBe(200); // Kong's cors plugin answers preflights itself with 200
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    // With one configured origin Kong always sends that origin, so a page elsewhere is refused by its browser.
    const foreign = await preflight('http://elsewhere.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('refuses a login without PKCE, an API call without a token and a socket with a forged token', async () => {
    const app = await open();
    const withoutPkce = new URL(`${keycloak.issuer}/protocol/openid-connect/auth`);
    withoutPkce.search = new URLSearchParams({
      response_type: 'code',
      client_id: 'prodvor-web',
      redirect_uri: pages.redirectUri,
      scope: 'openid',
      state: 'no-pkce',
    }).toString();
    const session = await app.visit(withoutPkce.toString());
    expect(session).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^invalid_request: .*code_challenge/),
    });

    const anonymous = await app.api('GET', '/api/v1/users/me');
    expect(anonymous.answer.status).toBe(401);
    expect(anonymous.seen.headers['access-control-allow-origin']).toBe(origin);

    const forged = await app.connect('not.a.token');
    expect(forged).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('sends and receives chat messages over Socket.IO through the edge, between two browsers', async () => {
    const [annaApp, borisApp] = await Promise.all([open(), open()]);
    const sessions = await Promise.all([annaApp.signIn(anna), borisApp.signIn(boris)]);
    for (const { session } of sessions) expect(session.status).toBe('signed-in');

    const created = await annaApp.api('POST', '/api/v1/chat/direct-rooms', { userId: boris.id });
    expect(created.answer.status).toBe(201);
    expect(created.seen.headers['access-control-allow-origin']).toBe(origin);
    const roomId = (created.answer.body as { id: string }).id;

    // Long-polling first, then the WebSocket upgrade: both through the edge's /socket.io route.
    for (const connected of await Promise.all([annaApp.connect(), borisApp.connect()])) {
      expect(connected).toMatchObject({ ok: true, transport: 'websocket' });
    }
    for (const app of [annaApp, borisApp]) {
      expect(await app.emit('room:join', { roomId })).toMatchObject({ ok: true, room: { id: roomId, kind: 'direct' } });
    }

    const hello = await annaApp.emit('message:send', { roomId, clientMessageId: 'web-hello', text: 'Game at 7?' });
    expect(hello).toMatchObject({ ok: true, duplicate: false, id: expect.any(String) });
    expect(await borisApp.message('web-hello')).toMatchObject({
      id: hello.id,
      roomId,
      senderId: anna.id,
      text: 'Game at 7?',
    });

    const reply = await borisApp.emit('message:send', { roomId, clientMessageId: 'web-reply', text: 'Count me in' });
    expect(reply).toMatchObject({ ok: true, id: expect.any(String) });
    expect(await annaApp.message('web-reply')).toMatchObject({
      id: reply.id,
      roomId,
      senderId: boris.id,
      text: 'Count me in',
    });
  });
});
