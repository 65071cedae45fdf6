import { request } from 'node:http';
import { startTestIdentityProvider, type TestIdentityProvider } from '@prodvor/testing';
import WebSocket from 'ws';
import { startDevEdge, type DevEdge } from '../src/edge';
import {
  decodeUserinfo,
  kongCopyWith,
  rawRequest,
  startEchoUpstream,
  type Seen,
} from '../src/edge/testing/edge-fixtures';

const SERVICES = ['user', 'team', 'tournament', 'chat', 'storage', 'ai'];
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
let KONG_FILE_FOR_TESTS: string;

const upstreams = (): Record<string, string> => Object.fromEntries(SERVICES.map((s) => [s, upstream.url]));
const lastSeen = (): Seen => upstream.seen[upstream.seen.length - 1];
const identityHeadersOf = (seen: Seen): string[] =>
  Object.keys(seen.headers).filter((h) => /^(x-userinfo|x-authenticated-userid|x-consumer-|x-credential-)/.test(h));

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  upstream = await startEchoUpstream();
  // kong.yaml as is, except a rate limit this suite cannot reach by accident (tested on its own below).
  KONG_FILE_FOR_TESTS = kongCopyWith('rate-limiting', { second: 10_000, limit_by: 'ip', policy: 'local' });
  edge = await startDevEdge({
    kongFile: KONG_FILE_FOR_TESTS,
    upstreams: upstreams(),
    issuer: idp.issuer,
    jwksUrl: idp.jwksUrl,
  });
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
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
    expect(upstream.seen.length).toBe(before);
  });

  it.each([
    ['alg:none', () => idp.unsignedToken(), 'Invalid algorithm'],
    ['HS256 signed with the public key', () => idp.hs256WithPublicKey(), 'Invalid algorithm'],
    ['expired', () => idp.expiredToken(), 'token expired'],
    ['wrong issuer', () => idp.wrongIssuerToken(), "No credentials found for given 'iss'"],
    ['bad signature', () => idp.badSignatureToken(), 'Invalid signature'],
    ['garbage', () => 'not.a.jwt', 'Bad token; invalid JSON'],
    ['another audience', () => idp.mintToken({}, { audience: 'some-other-client' }), 'Unauthorized'],
  ])('refuses a %s token', async (_name, build, message) => {
    const before = upstream.seen.length;
    const token = await build();
    const res = await fetch(`${edge.url}/api/v1/ai/suggestions`, {
      method: 'POST',
      headers: { ...FORGED, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message });
    expect(upstream.seen.length).toBe(before);
  });

  it('refuses two different tokens: Authorization twice, and header + query', async () => {
    const [a, b] = [await idp.mintToken({ sub: 'a' }), await idp.mintToken({ sub: 'b' })];
    const before = upstream.seen.length;
    const twice = await rawRequest(`${edge.url}/api/v1/users/me`, {
      headers: { authorization: [`Bearer ${a}`, `Bearer ${b}`] },
    });
    expect(twice.status).toBe(401);
    expect(JSON.parse(twice.body)).toEqual({ message: 'Multiple tokens provided' });
    const mixed = await fetch(`${edge.url}/api/v1/users/me?jwt=${b}`, { headers: { authorization: `Bearer ${a}` } });
    expect(mixed.status).toBe(401);
    expect(upstream.seen.length).toBe(before);
    // the same token twice is one token
    const same = await fetch(`${edge.url}/api/v1/users/me?jwt=${a}`, { headers: { authorization: `Bearer ${a}` } });
    expect(same.status).toBe(200);
    expect(lastSeen().headers['x-authenticated-userid']).toBe('a');
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
    ] as const) {
      const res = await fetch(`${edge.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(status);
    }
  });

  it('answers 404 like Kong for unknown paths, health and metrics', async () => {
    for (const path of ['/nope', '/health/live', '/health/ready', '/metrics', '/api/v1/unknown']) {
      const res = await fetch(`${edge.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ message: 'no Route matched with those values' });
    }
  });

  it('answers CORS preflight for an allowed origin', async () => {
    const res = await fetch(`${edge.url}/api/v1/teams`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const evil = await fetch(`${edge.url}/api/v1/teams`, { headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('dev edge: limits', () => {
  it('answers 429 with Retry-After over the rate limit', async () => {
    const limited = await startDevEdge({
      kongFile: kongCopyWith('rate-limiting', { minute: 3, limit_by: 'ip', policy: 'local' }),
      upstreams: upstreams(),
      issuer: idp.issuer,
      jwksUrl: idp.jwksUrl,
    });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i += 1) {
        last = await fetch(`${limited.url}/api/v1/tournaments`);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await last!.json()).toEqual({ message: 'API rate limit exceeded' });
    } finally {
      await limited.stop();
    }
  });

  it('takes a rate-limit override from the options (the CLI reads EDGE_RATE_LIMIT_*)', async () => {
    const limited = await startDevEdge({
      kongFile: KONG_FILE_FOR_TESTS,
      upstreams: upstreams(),
      issuer: idp.issuer,
      jwksUrl: idp.jwksUrl,
      rateLimit: { second: 0, minute: 2 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${limited.url}/api/v1/calendar`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.stop();
    }
  });

  it('answers 413 for a declared Content-Length over the limit without reaching the upstream', async () => {
    const token = await idp.mintToken();
    const before = upstream.seen.length;
    const res = await rawRequest(`${edge.url}/api/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-length': String(11 * 1024 * 1024) },
    }).catch((error: unknown) => error);
    expect(res).toMatchObject({ status: 413 });
    expect(JSON.parse((res as { body: string }).body)).toEqual({ message: 'Request size limit exceeded' });
    expect(upstream.seen.length).toBe(before);
  });

  it('answers 413 for a chunked body that grows over the limit', async () => {
    const token = await idp.mintToken();
    const before = upstream.seen.length;
    const status = await new Promise<number>((done, fail) => {
      const req = request(`${edge.url}/api/v1/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      req.on('error', fail);
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const pump = (): void => {
        while (sent < 12 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    // the upstream saw at most an aborted partial request, never a complete oversized body
    expect(upstream.seen.length).toBe(before);
  });

  it('streams a 50 MB body to the upstream with bounded memory', async () => {
    const token = await idp.mintToken();
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(256 * 1024, 7);
    const baseline = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - baseline.heapUsed - baseline.arrayBuffers);
    }, 5);
    const answer = await new Promise<string>((done, fail) => {
      const req = request(`${edge.url}/api/v1/uploads/stream`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += String(c)));
        res.on('end', () => done(text));
      });
      req.on('error', fail);
      let sent = 0;
      const pump = (): void => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    clearInterval(sampler);
    expect(JSON.parse(answer) as Seen).toMatchObject({ bytes: total });
    expect(peak).toBeLessThan(25 * 1024 * 1024);
  });
});

describe('dev edge: upstream down', () => {
  it("answers 502 with Kong's message when the service is unreachable", async () => {
    const down = await startDevEdge({
      kongFile: KONG_FILE_FOR_TESTS,
      upstreams: { ...upstreams(), user: 'http://127.0.0.1:1' },
      issuer: idp.issuer,
      jwksUrl: idp.jwksUrl,
    });
    try {
      const res = await fetch(`${down.url}/api/v1/register`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({ message: 'An invalid response was received from the upstream server' });
    } finally {
      await down.stop();
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
