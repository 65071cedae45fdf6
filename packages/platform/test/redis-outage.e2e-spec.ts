import { Controller, Get, Inject, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { eventually, startPrivateRedis, type PrivateServer } from '@prodvor/testing';
import { createClient } from 'redis';
import { CacheService, PlatformCacheModule } from '../src/cache';
import { HealthModule } from '../src/health';
import { createServiceApp, RateLimit, RateLimitModule } from '../src/http';
import { IdentityModule, Public } from '../src/identity';

const source = { value: 'v1', loads: 0 };

@Public()
@Controller('api/v1/probe')
class ProbeController {
  constructor(@Inject(CacheService) private readonly cache: CacheService) {}

  @Get('cached')
  async cached(): Promise<{ value: string }> {
    return this.cache.getOrSetInScope('things', 'one', 60_000, () => {
      source.loads += 1;
      return Promise.resolve({ value: source.value });
    });
  }

  @Post('change')
  async change(): Promise<{ value: string }> {
    source.value = 'v2';
    await this.cache.invalidateScope('things');
    return { value: source.value };
  }

  @Post('limited')
  @RateLimit({ limit: 3, ttlSeconds: 60 })
  limited(): { ok: true } {
    return { ok: true };
  }
}

describe('a Redis outage (private redis-server stopped and restarted)', () => {
  let redis: PrivateServer;
  let app: NestFastifyApplication;
  const prefix = `outage${process.pid}`;

  beforeAll(async () => {
    redis = await startPrivateRedis({ persistent: true });
    @Module({
      imports: [
        HealthModule,
        IdentityModule.forRoot({ issuer: 'http://127.0.0.1:1/realms/x', audience: 'x' }),
        RateLimitModule.forRoot({ redisUrl: redis.url, keyPrefix: `${prefix}:` }),
        PlatformCacheModule.forRoot({ ttlMs: 60_000, keyPrefix: prefix, redisUrl: redis.url }),
      ],
      controllers: [ProbeController],
    })
    class AppModule {}
    app = await createServiceApp(AppModule, { serviceName: 'redis-outage-test' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await redis?.remove();
  });

  const call = (method: 'GET' | 'POST', path: string) => app.inject({ method, url: `/api/v1/probe/${path}` });
  const ready = () => app.inject({ method: 'GET', url: '/health/ready' });

  it('keeps serving without Redis (cache reads through, limits per instance, readiness 503) and recovers by itself', async () => {
    expect((await call('GET', 'cached')).json()).toEqual({ value: 'v1' });
    expect((await call('GET', 'cached')).json()).toEqual({ value: 'v1' });
    expect(source.loads).toBe(1);
    expect((await ready()).statusCode).toBe(200);

    await redis.stop();

    // The change commits; its invalidation cannot reach Redis, and the request still succeeds.
    const changed = await call('POST', 'change');
    expect(changed.statusCode).toBe(201);
    const during = await call('GET', 'cached');
    expect(during.statusCode).toBe(200);
    expect(during.json()).toEqual({ value: 'v2' });
    const limited = [];
    for (let i = 0; i < 4; i += 1)
      limited.push((await app.inject({ method: 'POST', url: '/api/v1/probe/limited' })).statusCode);
    expect(limited).toEqual([201, 201, 201, 429]);
    const notReady = await ready();
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['content-type']).toContain('application/problem+json');
    expect(notReady.json()).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });

    // Back with its old data (the stale v1 is still stored): the lost invalidation must not let it out.
    const restarted = Date.now();
    await redis.start();
    await eventually(async () => (await ready()).statusCode === 200, 30_000);
    expect(Date.now() - restarted).toBeLessThan(30_000);
    for (let i = 0; i < 20; i += 1) expect((await call('GET', 'cached')).json()).toEqual({ value: 'v2' });
    // And it caches again: reads stop reaching the loader.
    await eventually(async () => {
      const loads = source.loads;
      await call('GET', 'cached');
      return source.loads === loads;
    }, 10_000);

    // Limits are counted in Redis again.
    const direct = createClient({ url: redis.url });
    await direct.connect();
    try {
      await app.inject({ method: 'POST', url: '/api/v1/probe/limited', remoteAddress: '10.9.9.9' });
      // (tracker keys are hashed by @nestjs/throttler; nothing was counted in Redis before the outage)
      expect(await direct.keys(`${prefix}:throttle:*`)).not.toEqual([]);
    } finally {
      await direct.quit();
    }
  });
});
