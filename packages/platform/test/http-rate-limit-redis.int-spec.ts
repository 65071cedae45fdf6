import { serverUrls, uniqueName } from '@prodvor/testing';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { checkOpenApiDocument, RedisThrottlerStorage } from '../src/http';
import { sampleAppModule } from './support/http-sample-app';

describe('RedisThrottlerStorage (real Redis)', () => {
  it('counts hits across storage instances and blocks past the limit', async () => {
    const prefix = `${uniqueName('throttle')}:`;
    const first = new RedisThrottlerStorage(serverUrls.redis, prefix);
    const second = new RedisThrottlerStorage(serverUrls.redis, prefix);
    try {
      expect(await first.increment('ip:1', 60_000, 2, 30_000, 'default')).toMatchObject({
        totalHits: 1,
        isBlocked: false,
      });
      expect(await second.increment('ip:1', 60_000, 2, 30_000, 'default')).toMatchObject({
        totalHits: 2,
        isBlocked: false,
      });
      const third = await first.increment('ip:1', 60_000, 2, 30_000, 'default');
      expect(third).toMatchObject({ totalHits: 3, isBlocked: true });
      expect(third.timeToBlockExpire).toBeGreaterThan(0);
      expect(third.timeToBlockExpire).toBeLessThanOrEqual(30);
      expect(await second.increment('ip:2', 60_000, 2, 30_000, 'default')).toMatchObject({
        totalHits: 1,
        isBlocked: false,
      });
    } finally {
      await first.onApplicationShutdown();
      await second.onApplicationShutdown();
    }
  });
});

describe('checkOpenApiDocument', () => {
  it('reports a stale file and rewrites it under UPDATE_OPENAPI=1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'openapi-'));
    const file = join(dir, 'openapi.json');
    const app = await NestFactory.create(
      sampleAppModule({ destination: { write: () => undefined } }).module as never,
      new FastifyAdapter(),
      {
        logger: false,
      },
    );
    const previous = process.env.UPDATE_OPENAPI;
    try {
      const missing = await checkOpenApiDocument(app, file);
      expect(missing.checkedIn).toBeUndefined();
      expect(missing.checkedIn).not.toEqual(missing.generated);

      process.env.UPDATE_OPENAPI = '1';
      const updated = await checkOpenApiDocument(app, file);
      expect(updated.checkedIn).toEqual(updated.generated);
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
        paths: { '/api/v1/things': expect.any(Object) },
      });

      delete process.env.UPDATE_OPENAPI;
      const again = await checkOpenApiDocument(app, file);
      expect(again.checkedIn).toEqual(again.generated);
    } finally {
      if (previous === undefined) delete process.env.UPDATE_OPENAPI;
      else process.env.UPDATE_OPENAPI = previous;
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
