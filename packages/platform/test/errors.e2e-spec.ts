import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { createServiceApp } from '../src/http';
import { sampleAppModule } from './support/http-sample-app';

describe('problem+json errors', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createServiceApp(sampleAppModule({ destination: { write: () => undefined } }).module as never, {
      serviceName: 'sample',
      bodyLimitBytes: 1024,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  function expectProblem(res: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      type: expect.stringContaining('https://'),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      code,
      correlationId: res.headers['x-correlation-id'],
    });
    expect(res.body).not.toMatch(/\bat .+:\d+:\d+|stack/);
    return body;
  }

  const validThing = { name: 'ball', size: 5, address: { city: 'Kazan' } };

  it('maps a DomainError to its status and code', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/things/missing' }), 404, 'THING_NOT_FOUND');
  });

  it('answers ROUTE_NOT_FOUND for an unknown route', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/nowhere' }), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers 401 UNAUTHENTICATED on an authenticated route without identity', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/private' }), 401, 'UNAUTHENTICATED');
  });

  it('lists every offending field, nested ones included', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/things',
      payload: { name: 'x', size: 50, address: { city: 'K' } },
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    const fields = (body.errors as { field: string; message: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'size', 'address.city']));
  });

  it('refuses properties that are not in the DTO', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/things', payload: { ...validThing, admin: true } });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([{ field: 'admin', message: expect.stringContaining('should not exist') }]);
  });

  it('accepts a valid body', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/things', payload: validThing });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual(validThing);
  });

  it('answers 400 INVALID_JSON for a body that is not JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expectProblem(res, 400, 'INVALID_JSON');
  });

  it('answers 413 PAYLOAD_TOO_LARGE above the body limit', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/things',
      payload: { ...validThing, name: 'x'.repeat(2048) },
    });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for an unknown content type', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/things',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'abc',
    });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 500 INTERNAL without the internal message', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/things/boom' });
    const body = expectProblem(res, 500, 'INTERNAL');
    expect(body.detail).toBe('Internal error');
    expect(res.body).not.toContain('hunter2');
  });
});
