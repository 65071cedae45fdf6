import { startTestIdentityProvider, type TestIdentityProvider } from '@prodvor/testing';
import WebSocket from 'ws';
import { startDevEdge, type DevEdge } from '../src/edge';
import {
  decodeUserinfo,
  KONG_FILE,
  rawRequest,
  renderedKongFile,
  startEchoUpstream,
  type Seen,
} from '../src/edge/testing/edge-fixtures';

/**
 * The dev edge on gateway/kong.yaml rendered from a test identity provider's JWKS: the jwt plugin and the
 * post-function's header contract as Kong applies them (limits, CORS and errors: edge-limits.e2e-spec.ts).
 */
const SERVICES = ['user', 'team', 'tournament', 'chat', 'storage', 'ai', 'keycloak'];
const FORGED = {
  'x-userinfo': Buffer.from(JSON.stringify({ sub: 'admin-forged', realm_access: { roles: ['admin'] } })).toString(
    'base64',
  ),
  'x-authenticated-userid': 'admin-forged',
  'x-consumer-username': 'forged-consumer',
  'x-credential-identifier': 'forged-credential',
};

let idp: TestIdentityProvider;
let upstream: Awaited<ReturnType<typeof startEchoUpstream>>;
let edge: DevEdge;
let rendered: string;

const upstreams = (): Record<string, string> => Object.fromEntries(SERVICES.map((s) => [s, upstream.url]));
const lastSeen = (): Seen => upstream.seen[upstream.seen.length - 1];
const identityHeadersOf = (seen: Seen): string[] =>
  Object.keys(seen.headers).filter((h) => /^(x-userinfo|x-authenticated-userid|x-consumer-|x-credential-)/.test(h));

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  upstream = await startEchoUpstream();
  // kong.yaml rendered for the provider's key, with a rate limit this suite cannot reach by accident.
  rendered = await renderedKongFile({
    issuer: idp.issuer,
    jwksUrl: idp.jwksUrl,
    plugins: { 'rate-limiting': { second: 10_000, limit_by: 'ip', policy: 'local' } },
  });
  edge = await startDevEdge({ kongFile: rendered, upstreams: upstreams() });
});

afterAll(async () => {
  await edge?.stop();
  await upstream?.stop();
  await idp?.stop();
});

describe('dev edge: authenticated routes', () => {
  it('passes a verified token through as X-Authenticated-Userid and X-Userinfo (base64 JSON claims)', async () => {
    const token = await idp.mintToken({
      sub: 'user-1',
      preferred_username: 'anna',
      realm_access: { roles: ['organizer'] },
    });
    const res = await fetch(`${edge.url}/api/v1/users/me?x=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const seen = lastSeen();
    expect(seen.url).toBe('/api/v1/users/me?x=1');
    expect(seen.headers['x-authenticated-userid']).toBe('user-1');
    // Authorization goes on: services verify the token themselves too.
    expect(seen.headers.authorization).toBe(`Bearer ${token}`);
    const claims = decodeUserinfo(seen.headers['x-userinfo']);
    expect(claims).toMatchObject({ sub: 'user-1', preferred_username: 'anna', iss: idp.issuer });
    expect(claims.realm_access).toEqual({ roles: ['organizer'] });
    expect(seen.headers['x-correlation-id']).toBe(res.headers.get('x-correlation-id'));
  });

  it('keeps a client correlation id and echoes it', async () => {
    const token = await idp.mintToken();
    const res = await fetch(`${edge.url}/api/v1/teams`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'corr-123', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Dvor FC' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe('corr-123');
    expect(lastSeen()).toMatchObject({ method: 'POST', bytes: 18 });
    expect(lastSeen().headers['x-correlation-id']).toBe('corr-123');
  });

  it('never lets forged identity headers through next to a valid token', async () => {
    const token = await idp.mintToken({ sub: 'real-user' });
    const res = await fetch(`${edge.url}/api/v1/teams/abc/members`, {
      method: 'POST',
      headers: { ...FORGED, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const seen = lastSeen();
    expect(seen.headers['x-authenticated-userid']).toBe('real-user');
    expect(decodeUserinfo(seen.headers['x-userinfo']).sub).toBe('real-user');
    expect(identityHeadersOf(seen).sort()).toEqual(['x-authenticated-userid', 'x-userinfo']);
  });

  it('refuses forged identity headers without a token (401, upstream not reached)', async () => {
    const before = upstream.seen.length;
    const res = await fetch(`${edge.url}/api/v1/users/me`, { headers: FORGED });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
    expect(upstream.seen.length).toBe(before);
  });

  // Kong's jwt plugin (by kid, over the rendered credentials), then the post-function (iss, aud, sub).
  it.each([
    ['alg:none', () => idp.unsignedToken(), { message: 'Bad token; invalid alg' }],
    ['HS256 signed with the public key', () => idp.hs256WithPublicKey(), { message: 'Invalid algorithm' }],
    ['expired', () => idp.expiredToken(), { exp: 'token expired' }],
    ['bad signature', () => idp.badSignatureToken(), { message: 'Invalid signature' }],
    ['garbage', () => 'not.a.jwt', { message: 'Bad token; invalid JSON' }],
    [
      'unknown key id',
      () => idp.mintToken({}, { kid: 'not-a-realm-key' }),
      { message: "No credentials found for given 'kid'" },
    ],
    ['empty key id', () => idp.mintToken({}, { kid: '' }), { message: "Invalid 'kid' in claims" }],
    ['wrong issuer (a realm key, another iss)', () => idp.wrongIssuerToken(), { message: 'Unauthorized' }],
    ['another audience', () => idp.mintToken({}, { audience: 'some-other-client' }), { message: 'Unauthorized' }],
  ])('refuses a %s token', async (_name, build, body) => {
    const before = upstream.seen.length;
    const token = await build();
    const res = await fetch(`${edge.url}/api/v1/ai/suggestions`, {
      method: 'POST',
      headers: { ...FORGED, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await res.json()).toEqual(body);
    expect(upstream.seen.length).toBe(before);
  });

  it('reads the token from the Authorization header only: ?jwt= authenticates nobody', async () => {
    const [a, b] = [await idp.mintToken({ sub: 'a' }), await idp.mintToken({ sub: 'b' })];
    const before = upstream.seen.length;
    const queryOnly = await fetch(`${edge.url}/api/v1/users/me?jwt=${a}`);
    expect(queryOnly.status).toBe(401);
    expect(upstream.seen.length).toBe(before);
    const mixed = await fetch(`${edge.url}/api/v1/users/me?jwt=${b}`, { headers: { authorization: `Bearer ${a}` } });
    expect(mixed.status).toBe(200);
    expect(lastSeen().headers['x-authenticated-userid']).toBe('a');
  });

  it('uses the first of two Authorization headers, as Kong does (Node services keep the first too)', async () => {
    const [a, b] = [await idp.mintToken({ sub: 'a' }), await idp.mintToken({ sub: 'b' })];
    const twice = await rawRequest(`${edge.url}/api/v1/users/me`, {
      headers: { authorization: [`Bearer ${a}`, `Bearer ${b}`] },
    });
    expect(twice.status).toBe(200);
    expect(lastSeen().headers['x-authenticated-userid']).toBe('a');
    expect(lastSeen().headers.authorization).toBe(`Bearer ${a}`);
  });

  it('refuses to start on the unrendered template (it carries no realm key)', async () => {
    await expect(startDevEdge({ kongFile: KONG_FILE, upstreams: upstreams() })).rejects.toThrow(
      /carries no realm key: render it/,
    );
  });
});

describe('dev edge: public routes and the inventory', () => {
  it('serves public reads without a token and still strips forged identity headers', async () => {
    for (const path of [
      '/api/v1/tournaments',
      '/api/v1/tournaments/t1/standings',
      '/api/v1/matches/m1',
      '/api/v1/teams/t1',
      '/api/v1/share/tok',
      '/realms/prodvor/.well-known/openid-configuration',
      '/resources/abc/login/keycloak.v2/css/login.css',
    ]) {
      const res = await fetch(`${edge.url}${path}`, { headers: FORGED });
      expect(res.status, path).toBe(200);
      expect(identityHeadersOf(lastSeen()), path).toEqual([]);
    }
    const register = await fetch(`${edge.url}/api/v1/register`, { method: 'POST', headers: FORGED, body: '{}' });
    expect(register.status).toBe(200);
    expect(identityHeadersOf(lastSeen())).toEqual([]);
  });

  it('does not set identity on public routes even with a valid token (the service verifies it itself)', async () => {
    const token = await idp.mintToken({ sub: 'someone' });
    await fetch(`${edge.url}/api/v1/tournaments`, { headers: { ...FORGED, authorization: `Bearer ${token}` } });
    expect(identityHeadersOf(lastSeen())).toEqual([]);
    expect(lastSeen().headers.authorization).toBe(`Bearer ${token}`);
  });

  it('keeps writes and non-public reads authenticated', async () => {
    for (const [method, path, status] of [
      ['POST', '/api/v1/tournaments', 401],
      ['GET', '/api/v1/teams/t1/members', 401],
      ['GET', '/api/v1/share-links', 401],
      ['PUT', '/api/v1/share/tok', 404],
      ['DELETE', '/api/v1/register', 404],
      ['GET', '/realms/master/protocol/openid-connect/certs', 404],
      ['POST', '/resources/x', 404],
    ] as const) {
      const res = await fetch(`${edge.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(status);
    }
  });

  it('answers 404 like Kong for unknown paths, health and metrics', async () => {
    for (const path of [
      '/nope',
      '/health/live',
      '/health/ready',
      '/metrics',
      '/api/v1/unknown',
      '/admin/master/console/',
    ]) {
      const res = await fetch(`${edge.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({
        message: 'no Route matched with those values',
        request_id: res.headers.get('x-kong-request-id'),
      });
    }
  });
});

describe('dev edge: WebSocket', () => {
  it('proxies the Socket.IO WebSocket upgrade and strips forged identity headers', async () => {
    const socket = new WebSocket(`${edge.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, {
      headers: { ...FORGED, authorization: 'Bearer handshake-token' },
    });
    const reply = await new Promise<string>((done, fail) => {
      socket.on('open', () => socket.send('ping'));
      socket.on('message', (data) => done((data as Buffer).toString()));
      socket.on('error', fail);
    });
    socket.close();
    expect(reply).toBe('echo:ping');
    const seen = upstream.seen.filter((s) => s.method === 'WS').at(-1)!;
    expect(seen.url).toBe('/socket.io/?EIO=4&transport=websocket');
    expect(identityHeadersOf(seen)).toEqual([]);
    expect(seen.headers.authorization).toBe('Bearer handshake-token');
  });
});
