import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, openApiDocument } from '../src/http';
import { CapturedLogs } from './support/captured-logs';
import { sampleAppModule } from './support/http-sample-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('service app over HTTP', () => {
  let app: NestFastifyApplication;
  let failing = false;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    const module = sampleAppModule({
      destination: logs,
      checks: {
        database: () => Promise.resolve(),
        broker: () => (failing ? Promise.reject(new Error('connection refused')) : Promise.resolve()),
      },
    });
    app = await createServiceApp(module.module as never, { serviceName: 'sample', bodyLimitBytes: 1024 });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('correlation id', () => {
    it('generates a UUID when absent and returns it', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/things/a' });
      expect(res.headers['x-correlation-id']).toMatch(UUID);
    });

    it('echoes the one it was sent, also inside problem bodies', async () => {
      const id = '7d9f8a34-3f7e-4c4b-9b2f-0a1b2c3d4e5f';
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/things/missing',
        headers: { 'x-correlation-id': id },
      });
      expect(res.headers['x-correlation-id']).toBe(id);
      expect(res.json()).toMatchObject({ correlationId: id });
    });

    it('replaces a value that is not an id', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/things/a',
        headers: { 'x-correlation-id': 'a b<script>' },
      });
      expect(res.headers['x-correlation-id']).toMatch(UUID);
    });
  });

  describe('logs', () => {
    it('writes one JSON line per request with method, route template, status and duration', async () => {
      const id = 'c0ffee00-1111-4222-8333-444455556666';
      await app.inject({ method: 'GET', url: '/api/v1/things/xyz', headers: { 'x-correlation-id': id } });
      const lines = logs.lines.filter((line) => line.correlationId === id && line.message === 'request completed');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        method: 'GET',
        route: '/api/v1/things/:id',
        status: 200,
        durationMs: expect.any(Number),
        service: 'sample',
        level: 'info',
      });
    });

    it('redacts credentials and never logs an internal error to the caller', async () => {
      const id = 'c0ffee00-2222-4222-8333-444455556666';
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/things/boom',
        headers: { 'x-correlation-id': id, authorization: 'Bearer sekret-token', cookie: 'sid=sekret-cookie' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('hunter2');
      expect(res.body).not.toContain('db-primary');
      const errorLine = logs.lines.find((line) => line.level === 'error' && JSON.stringify(line).includes('hunter2'));
      expect(errorLine).toBeDefined();
      // redaction through the logger's configured paths
      const logger = app.get((await import('nestjs-pino')).Logger);
      logger.log({
        message: 'redaction probe',
        req: { headers: { authorization: 'Bearer sekret-token', 'x-userinfo': 'e30=', cookie: 'sid=sekret-cookie' } },
        password: 'pw-sekret',
        nested: { token: 'tk-sekret' },
      });
      const probe = logs.lines.find((line) => line.message === 'redaction probe');
      expect(probe).toBeDefined();
      const text = JSON.stringify(logs.lines);
      for (const secretValue of ['sekret-token', 'sekret-cookie', 'pw-sekret', 'tk-sekret', 'e30=']) {
        expect(text).not.toContain(secretValue);
      }
      expect(JSON.stringify(probe)).toContain('[REDACTED]');
    });
  });

  describe('metrics', () => {
    it('exposes the HTTP histogram by route template, not raw URL', async () => {
      await app.inject({ method: 'GET', url: '/api/v1/things/some-raw-id-123' });
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      expect(res.body).toMatch(
        /http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/things\/:id"[^}]*status="200"/,
      );
      expect(res.body).not.toContain('some-raw-id-123');
      expect(res.body).toContain('process_cpu_user_seconds_total');
    });
  });

  describe('health', () => {
    it('is live and ready while every check passes', async () => {
      expect((await app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'up', broker: 'up' } });
    });

    it('answers 503 problem+json naming the failing check', async () => {
      failing = true;
      try {
        const ready = await app.inject({ method: 'GET', url: '/health/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.headers['content-type']).toContain('application/problem+json');
        expect(ready.json()).toMatchObject({
          code: 'DEPENDENCY_UNAVAILABLE',
          errors: [{ field: 'broker', message: 'connection refused' }],
        });
        expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      } finally {
        failing = false;
      }
    });
  });

  describe('pagination', () => {
    it('defaults to 20, follows the cursor and bounds the limit', async () => {
      const first = (await app.inject({ method: 'GET', url: '/api/v1/things' })).json<{
        items: { n: number }[];
        nextCursor: string;
        limit: number;
      }>();
      expect(first.limit).toBe(20);
      expect(first.items).toHaveLength(20);
      const second = (
        await app.inject({ method: 'GET', url: `/api/v1/things?limit=5&cursor=${first.nextCursor}` })
      ).json<{ items: { n: number }[] }>();
      expect(second.items[0].n).toBe(21);
      const tooMany = await app.inject({ method: 'GET', url: '/api/v1/things?limit=101' });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'limit' }] });
    });

    it('rejects a forged cursor with INVALID_CURSOR', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/things?cursor=%7Bnot-base64' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    });
  });

  describe('rate limiting', () => {
    it('answers 429 RATE_LIMITED with Retry-After past the declared limit', async () => {
      const call = () => app.inject({ method: 'POST', url: '/api/v1/things/limited', remoteAddress: '10.9.8.7' });
      expect((await call()).statusCode).toBe(201);
      expect((await call()).statusCode).toBe(201);
      const limited = await call();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // another client is not affected
      const other = await app.inject({ method: 'POST', url: '/api/v1/things/limited', remoteAddress: '10.9.8.8' });
      expect(other.statusCode).toBe(201);
    });

    it('counts the address the gateway saw, not one the client wrote into X-Forwarded-For', async () => {
      // the gateway (the one trusted hop) appends the address it saw; what stands left of it is the client's
      const call = (spoofed: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/things/limited',
          remoteAddress: '10.0.0.2',
          headers: { 'x-forwarded-for': `${spoofed}, 203.0.113.7` },
        });
      expect((await call('198.51.100.1')).statusCode).toBe(201);
      expect((await call('198.51.100.2')).statusCode).toBe(201);
      expect((await call('198.51.100.3')).statusCode).toBe(429);
      const viaSameGateway = await app.inject({
        method: 'POST',
        url: '/api/v1/things/limited',
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': '203.0.113.8' },
      });
      expect(viaSameGateway.statusCode).toBe(201);
    });
  });

  describe('OpenAPI', () => {
    it('serves the document and Swagger UI under /api/v1/<service>', async () => {
      const json = await app.inject({ method: 'GET', url: '/api/v1/sample/openapi.json' });
      expect(json.statusCode).toBe(200);
      expect(Object.keys(json.json<{ paths: object }>().paths)).toContain('/api/v1/things/{id}');
      expect(Object.keys(json.json<{ paths: object }>().paths)).not.toContain('/metrics');
      const ui = await app.inject({ method: 'GET', url: '/api/v1/sample/docs' });
      expect(ui.statusCode).toBe(200);
      expect(ui.body).toContain('swagger');
      expect(openApiDocument(app).paths['/api/v1/things']).toBeDefined();
    });
  });
});
