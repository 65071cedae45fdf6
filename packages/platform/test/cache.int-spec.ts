import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { createClient } from 'redis';
import { uniqueName } from '@prodvor/testing';
import { cacheKey } from '../src/cache/cache-keys';
import { closeCacheBackend, createCacheBackend, type PlatformCacheOptions } from '../src/cache/cache.module';
import { CacheService, type CacheBackend } from '../src/cache/cache.service';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const opened: CacheBackend[] = [];

async function makeService(options: PlatformCacheOptions): Promise<CacheService> {
  const backend = await createCacheBackend(options);
  opened.push(backend);
  return new CacheService(backend);
}

afterAll(async () => {
  for (const backend of opened) await closeCacheBackend(backend);
});

describe('cacheKey', () => {
  it('joins parts with ":" and escapes separators so distinct parts never collide', () => {
    expect(cacheKey('team', 42, 'roster')).toBe('team:42:roster');
    expect(cacheKey('team', 'a:b')).not.toBe(cacheKey('team', 'a', 'b'));
    expect(cacheKey('team', 'a:b*')).toBe('team:a%3Ab%2A');
  });
});

describe.each([
  ['redis', true],
  ['in-memory', false],
])('CacheService (%s)', (_kind, useRedis) => {
  let cache: CacheService;
  let prefix: string;
  const redis = createClient({ url: redisUrl });

  beforeAll(async () => {
    await redis.connect();
  });
  afterAll(async () => {
    await redis.quit();
  });

  beforeEach(async () => {
    prefix = uniqueName('cache');
    cache = await makeService({ ttlMs: 60_000, keyPrefix: prefix, redisUrl: useRedis ? redisUrl : undefined });
  });

  it('calls the loader once for concurrent and later reads, and counts hits and misses', async () => {
    const registry = new Registry();
    cache.useMetrics(registry);
    const loader = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 30));
      return { name: 'Dvor FC' };
    });
    const key = cacheKey('team', 't1');
    const first = await Promise.all([1, 2, 3].map(() => cache.getOrSet(key, 60_000, loader)));
    expect(first).toEqual([{ name: 'Dvor FC' }, { name: 'Dvor FC' }, { name: 'Dvor FC' }]);
    expect(await cache.getOrSet(key, 60_000, loader)).toEqual({ name: 'Dvor FC' });
    expect(loader).toHaveBeenCalledTimes(1);
    const metrics = await registry.getMetricsAsJSON();
    expect(metrics.find((m) => m.name === 'cache_hits_total')?.values[0].value).toBe(1);
    expect(metrics.find((m) => m.name === 'cache_misses_total')?.values[0].value).toBe(3);

    if (useRedis) expect(await redis.exists(`${prefix}:team:t1`)).toBe(1);
  });

  it('invalidate removes exactly the given keys', async () => {
    await cache.set(cacheKey('team', 't1'), 1);
    await cache.set(cacheKey('team', 't2'), 2);
    await cache.invalidate(cacheKey('team', 't1'));
    expect(await cache.get(cacheKey('team', 't1'))).toBeUndefined();
    expect(await cache.get(cacheKey('team', 't2'))).toBe(2);
  });

  it('invalidatePrefix removes every key under a prefix, and nothing else', async () => {
    for (let i = 0; i < 1_200; i += 1) await cache.set(cacheKey('team', 't1', 'page', i), i);
    await cache.set(cacheKey('team', 't10'), 'other team');
    await cache.set(cacheKey('user', 'u1'), 'user');
    const removed = await cache.invalidatePrefix(cacheKey('team', 't1') + ':');
    expect(removed).toBe(1_200);
    expect(await cache.get(cacheKey('team', 't1', 'page', 7))).toBeUndefined();
    expect(await cache.get(cacheKey('team', 't10'))).toBe('other team');
    expect(await cache.get(cacheKey('user', 'u1'))).toBe('user');
    await expect(cache.check()).resolves.toBeUndefined();
  });
});

describe.each([
  ['redis', true],
  ['in-memory', false],
])('CacheService scopes (%s)', (_kind, useRedis) => {
  const options = () => ({ ttlMs: 60_000, keyPrefix: uniqueName('scope'), redisUrl: useRedis ? redisUrl : undefined });

  it('never serves, after invalidateScope, a value whose load began before it', async () => {
    const cache = await makeService(options());
    let finishStaleLoad!: (value: string) => void;
    const staleLoad = new Promise<string>((resolve) => (finishStaleLoad = resolve));
    const loader = vi.fn(() => staleLoad);
    const before = cache.getOrSetInScope('t:1', 'standings', 60_000, loader);
    await vi.waitFor(() => expect(loader).toHaveBeenCalled());
    await cache.invalidateScope('t:1');
    finishStaleLoad('before the change');
    expect(await before).toBe('before the change');

    expect(await cache.getOrSetInScope('t:1', 'standings', 60_000, async () => 'after the change')).toBe(
      'after the change',
    );
    expect(await cache.getOrSetInScope('t:1', 'standings', 60_000, async () => 'not asked')).toBe('after the change');
  });

  it('drops only its own scope, for every instance sharing the store', async () => {
    const shared = options();
    const [a, b] = useRedis
      ? await Promise.all([makeService(shared), makeService(shared)])
      : await makeService(shared).then((one) => [one, one]);
    await a.getOrSetInScope('t:1', 'bracket', 60_000, async () => 'v1');
    await a.getOrSetInScope('t:2', 'bracket', 60_000, async () => 'other tournament');
    await b.invalidateScope('t:1');
    // Over Redis, `a` learns the new generation from the channel (or reads it while not subscribed).
    await vi.waitFor(async () =>
      expect(await a.getOrSetInScope('t:1', 'bracket', 60_000, async () => 'v2')).toBe('v2'),
    );
    expect(await a.getOrSetInScope('t:2', 'bracket', 60_000, async () => 'reloaded')).toBe('other tournament');
  });
});

describe('in-memory fallback', () => {
  it('warns when REDIS_URL is absent', async () => {
    const logger = new Logger('test');
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const backend = await createCacheBackend({ ttlMs: 1000, keyPrefix: 'x' }, logger);
    expect(backend.redis).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('REDIS_URL'));
  });

  it('expires entries after their ttl', async () => {
    const cache = await makeService({ ttlMs: 60_000, keyPrefix: uniqueName('ttl') });
    await cache.set('k', 'v', 50);
    await new Promise((r) => setTimeout(r, 120));
    expect(await cache.get('k')).toBeUndefined();
  });
});
