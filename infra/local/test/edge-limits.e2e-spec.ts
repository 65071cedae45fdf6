import { request } from 'node:http';
import { connect } from 'node:net';
import { startTestIdentityProvider, type TestIdentityProvider } from '@prodvor/testing';
import { startDevEdge, type DevEdge } from '../src/edge';
import { rawRequest, renderedKongFile, startEchoUpstream, type Seen } from '../src/edge/testing/edge-fixtures';

/**
 * The dev edge's limits, CORS and own answers, as Kong 3.9 gives them with gateway/kong.yaml: bodies
 * without a length refused (411), sizes judged on Content-Length, rate-limit headers on every answer,
 * preflights answered 200, Kong's error template with the request id, the chat affinity cookie.
 */
const SERVICES = ['user', 'team', 'tournament', 'chat', 'storage', 'ai'];
let idp: TestIdentityProvider;
let upstream: Awaited<ReturnType<typeof startEchoUpstream>>;
let edge: DevEdge;
const upstreams = (): Record<string, string> => Object.fromEntries(SERVICES.map((s) => [s, upstream.url]));
const requestId = /^[0-9a-f]{32}$/;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  upstream = await startEchoUpstream();
  const kongFile = await renderedKongFile({
    issuer: idp.issuer,
    jwksUrl: idp.jwksUrl,
    plugins: { 'rate-limiting': { second: 10_000, limit_by: 'ip', policy: 'local' } },
  });
  edge = await startDevEdge({ kongFile, upstreams: upstreams() });
});

afterAll(async () => {
  await edge?.stop();
  await upstream?.stop();
  await idp?.stop();
});

/** Sends `total` bytes in chunks, with a Content-Length or chunked; resolves with the answer. */
function upload(
  url: string,
  headers: Record<string, string>,
  total: number,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST', headers });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += String(c)));
      res.on('end', () => done({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', fail);
    const chunk = Buffer.alloc(256 * 1024, 7);
    let sent = 0;
    const pump = (): void => {
      while (sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('dev edge: request bodies', () => {
  it.each(['/api/v1/media', '/api/v1/uploads/stream', '/api/v1/register'])(
    'answers 411 to a chunked body on %s before reading it or authenticating',
    async (path) => {
      const before = upstream.seen.length;
      const res = await upload(`${edge.url}${path}`, { 'transfer-encoding': 'chunked' }, 64 * 1024);
      expect(res.status).toBe(411);
      expect(JSON.parse(res.body)).toEqual({
        message: 'A valid Content-Length header is required',
        request_id: expect.stringMatching(requestId),
      });
      expect(upstream.seen.length).toBe(before);
    },
  );

  it('answers 413 for a declared Content-Length over the limit without reaching the upstream', async () => {
    const token = await idp.mintToken();
    const before = upstream.seen.length;
    const res = await rawRequest(`${edge.url}/api/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-length': String(11 * 1024 * 1024) },
    }).catch((error: unknown) => error);
    expect(res).toMatchObject({ status: 413 });
    expect(JSON.parse((res as { body: string }).body)).toEqual({
      message: 'Request size limit exceeded',
      request_id: expect.stringMatching(requestId),
    });
    expect(upstream.seen.length).toBe(before);
  });

  it('answers 417 (and no 100 Continue) when the client waits for 100-continue', async () => {
    const token = await idp.mintToken();
    const seen = await new Promise<string[]>((done, fail) => {
      const events: string[] = [];
      const req = request(`${edge.url}/api/v1/media`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-length': String(11 * 1024 * 1024),
          expect: '100-continue',
        },
      });
      req.on('continue', () => events.push('100'));
      req.on('response', (res) => {
        events.push(String(res.statusCode));
        res.resume();
        req.destroy();
        done(events);
      });
      req.on('error', fail);
      req.flushHeaders();
    });
    expect(seen).toEqual(['417']);
  });

  it('sends 100 Continue once the request is let through, then proxies the body', async () => {
    const token = await idp.mintToken();
    const seen = await new Promise<string[]>((done, fail) => {
      const events: string[] = [];
      const req = request(`${edge.url}/api/v1/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-length': '5', expect: '100-continue' },
      });
      req.on('continue', () => {
        events.push('100');
        req.end('hello');
      });
      req.on('response', (res) => {
        events.push(String(res.statusCode));
        res.resume();
        res.on('end', () => done(events));
      });
      req.on('error', fail);
      req.flushHeaders();
    });
    expect(seen).toEqual(['100', '200']);
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'POST', bytes: 5 });
  });

  it('requires a Content-Length on the streaming upload (require_content_length)', async () => {
    const token = await idp.mintToken();
    // node:http would add Content-Length: 0; a raw request has neither length nor body
    const { port } = new URL(edge.url);
    const head = await new Promise<string>((done, fail) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write(
          `POST /api/v1/uploads/stream HTTP/1.1\r\nHost: edge\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
        ),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += String(chunk)));
      socket.on('end', () => done(text));
      socket.on('error', fail);
    });
    expect(head).toMatch(/^HTTP\/1\.1 411 /);
  });

  it('streams a 100 MB body with its Content-Length to the upstream, never holding it (memory far below its size)', async () => {
    const token = await idp.mintToken();
    const total = 100 * 1024 * 1024;
    const baseline = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - baseline.heapUsed - baseline.arrayBuffers);
    }, 5);
    const answer = await upload(
      `${edge.url}/api/v1/uploads/stream`,
      { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(total) },
      total,
    );
    clearInterval(sampler);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body) as Seen).toMatchObject({ bytes: total });
    // this process holds client, edge and upstream: ~30 MB whatever the size; a buffered body would be 100 MB more
    expect(peak).toBeLessThan(48 * 1024 * 1024);
  });
});

describe('dev edge: rate limits', () => {
  it('puts the rate-limit headers on every answer and answers 429 with Retry-After past the limit', async () => {
    const kongFile = await renderedKongFile({
      issuer: idp.issuer,
      jwksUrl: idp.jwksUrl,
      plugins: { 'rate-limiting': { second: 100, minute: 3, limit_by: 'ip', policy: 'local' } },
    });
    const limited = await startDevEdge({ kongFile, upstreams: upstreams() });
    try {
      const answers: Response[] = [];
      for (let i = 0; i < 4; i += 1) answers.push(await fetch(`${limited.url}/api/v1/tournaments`));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(answers.map((r) => r.headers.get('x-ratelimit-remaining-minute'))).toEqual(['2', '1', '0', '0']);
      for (const res of answers) {
        expect(res.headers.get('x-ratelimit-limit-minute')).toBe('3');
        expect(res.headers.get('x-ratelimit-limit-second')).toBe('100');
        expect(res.headers.get('ratelimit-limit')).toBe('3');
        expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      }
      const last = answers[3];
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await last.json()).toEqual({
        message: 'API rate limit exceeded',
        request_id: expect.stringMatching(requestId),
      });
      // a token refused by the jwt plugin is answered before rate-limiting runs: not counted, no headers
      const refused = await fetch(`${limited.url}/api/v1/teams`, {
        method: 'POST',
        headers: { 'content-length': '0' },
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('x-ratelimit-limit-minute')).toBeNull();
    } finally {
      await limited.stop();
    }
  });

  it('takes a rate-limit override from the options (the CLI reads EDGE_RATE_LIMIT_*)', async () => {
    const kongFile = await renderedKongFile({ issuer: idp.issuer, jwksUrl: idp.jwksUrl });
    const limited = await startDevEdge({ kongFile, upstreams: upstreams(), rateLimit: { second: 0, minute: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${limited.url}/api/v1/calendar`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.stop();
    }
  });
});

describe('dev edge: CORS, errors, affinity', () => {
  it('answers a preflight itself with 200 (no token needed) and puts CORS headers on answers', async () => {
    const before = upstream.seen.length;
    const res = await fetch(`${edge.url}/api/v1/teams`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS');
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(upstream.seen.length).toBe(before);
    const refused = await fetch(`${edge.url}/api/v1/teams/t1/members`, {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(refused.headers.get('access-control-expose-headers')).toContain('X-Correlation-Id');
    const evil = await fetch(`${edge.url}/api/v1/teams`, { headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends an OPTIONS request that is no preflight to the service without a token (run_on_preflight: false)', async () => {
    const res = await fetch(`${edge.url}/api/v1/teams/t1/members`, { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'OPTIONS', url: '/api/v1/teams/t1/members' });
  });

  it("answers in Kong's error template in the type the client accepts, with the request id", async () => {
    const html = await fetch(`${edge.url}/nope`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain(`<p>request_id: ${html.headers.get('x-kong-request-id')}</p>`);
    const plain = await fetch(`${edge.url}/nope`, { headers: { accept: 'text/plain;q=0.9, application/xml;q=0.2' } });
    expect(await plain.text()).toBe(
      `no Route matched with those values\nrequest_id: ${plain.headers.get('x-kong-request-id')}\n`,
    );
  });

  it("answers 502 with Kong's message when the service is unreachable", async () => {
    const kongFile = await renderedKongFile({ issuer: idp.issuer, jwksUrl: idp.jwksUrl });
    const down = await startDevEdge({ kongFile, upstreams: { ...upstreams(), user: 'http://127.0.0.1:1' } });
    try {
      const res = await fetch(`${down.url}/api/v1/register`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({
        message: 'An invalid response was received from the upstream server',
        request_id: expect.stringMatching(requestId),
      });
    } finally {
      await down.stop();
    }
  });

  it('sets the chat affinity cookie (path /) only on an answer to a request without it', async () => {
    const token = await idp.mintToken();
    const first = await fetch(`${edge.url}/api/v1/chat/rooms`, { headers: { authorization: `Bearer ${token}` } });
    const cookie = first.headers.get('set-cookie');
    expect(cookie).toMatch(/^prodvor_chat_affinity=[0-9a-f-]{36}; Path=\/; Same-Site=Lax; HttpOnly$/);
    const value = cookie!.split(';')[0];
    // a REST call and a Socket.IO poll with it: no new cookie, so the session stays where it is
    const rest = await fetch(`${edge.url}/api/v1/chat/rooms`, {
      headers: { authorization: `Bearer ${token}`, cookie: value },
    });
    const poll = await fetch(`${edge.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie: value } });
    expect([rest.headers.get('set-cookie'), poll.headers.get('set-cookie')]).toEqual([null, null]);
    expect((await fetch(`${edge.url}/api/v1/teams`)).headers.get('set-cookie')).toBeNull();
  });
});
