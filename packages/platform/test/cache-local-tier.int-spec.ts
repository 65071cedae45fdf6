import { Registry } from 'prom-client';
import { createClient } from 'redis';
import { startPrivateRedis, uniqueName } from '@prodvor/testing';
import { closeCacheBackend, createCacheBackend, type PlatformCacheOptions } from '../src/cache/cache.module';
import { CacheService, type CacheBackend } from '../src/cache/cache.service';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const admin = createClient({ url: redisUrl });
const opened: CacheBackend[] = [];

interface Instance {
  cache: CacheService;
  backend: CacheBackend;
}

async function instance(
  options: Pick<PlatformCacheOptions, 'keyPrefix' | 'localMaxEntries'>,
  url = redisUrl,
): Promise<Instance> {
  const backend = await createCacheBackend({ ttlMs: 60_000, redisUrl: url, ...options });
  opened.push(backend);
  const cache = new CacheService(backend);
  await vi.waitFor(() => expect(cache.localTierState().trusted).toBe(true));
  return { cache, backend };
}

/** Drops the subscriber connections of every instance with this prefix on the Redis side; they reconnect. */
async function killSubscribers(prefix: string): Promise<void> {
  const list = await admin.sendCommand<string>(['CLIENT', 'LIST', 'TYPE', 'pubsub']);
  const ids = list
    .split('\n')
    .filter((line) => line.includes(` name=${prefix}:cache-subscriber `))
    .map((line) => /\bid=(\d+)/.exec(line)?.[1] ?? '');
  if (ids.length === 0) throw new Error(`no subscriber connection for ${prefix}`);
  for (const id of ids) await admin.sendCommand(['CLIENT', 'KILL', 'ID', id]);
}

const read = (cache: CacheService, value: string) =>
  cache.getOrSetInScope('t:1', 'standings', 60_000, async () => value);

beforeAll(async () => {
  await admin.connect();
});
afterAll(async () => {
  for (const backend of opened) await closeCacheBackend(backend);
  await admin.quit();
});

describe('CacheService in-process tier (Redis)', () => {
  it('answers repeated scoped reads in process, and counts them as hits of that tier', async () => {
    const { cache } = await instance({ keyPrefix: uniqueName('local') });
    const registry = new Registry();
    cache.useMetrics(registry);
    expect(await read(cache, 'v1')).toBe('v1');
    expect(await read(cache, 'not asked')).toBe('v1');
    expect(await read(cache, 'not asked')).toBe('v1');
    const metrics = await registry.getMetricsAsJSON();
    const value = (name: string) => metrics.find((m) => m.name === name)?.values[0]?.value;
    expect(value('cache_hits_total')).toBe(2);
    expect(value('cache_local_hits_total')).toBe(2);
    expect(value('cache_misses_total')).toBe(1);
  });

  it("shows one instance's invalidation to the other's next reads, and to its own at once", async () => {
    const keyPrefix = uniqueName('local');
    const a = await instance({ keyPrefix });
    const b = await instance({ keyPrefix });
    expect(await read(a.cache, 'v1')).toBe('v1');
    expect(await read(b.cache, 'not asked')).toBe('v1');

    await a.cache.invalidateScope('t:1');
    expect(await read(a.cache, 'v2')).toBe('v2');
    await vi.waitFor(async () => expect(await read(b.cache, 'not asked')).toBe('v2'), { timeout: 2_000 });
    expect(b.cache.localTierState().entries).toBeGreaterThan(0);
  });

  it('serves nothing stale after its subscriber reconnects, though it missed the invalidation meanwhile', async () => {
    const keyPrefix = uniqueName('local');
    const a = await instance({ keyPrefix });
    const b = await instance({ keyPrefix });
    expect(await read(b.cache, 'v1')).toBe('v1');
    let reconnects = 0;
    b.backend.subscriber?.on('ready', () => (reconnects += 1));

    await killSubscribers(keyPrefix);
    // Redis has dropped the subscription: this message reaches no one.
    await a.cache.invalidateScope('t:1');
    await vi.waitFor(() => expect(reconnects > 0 && b.cache.localTierState().trusted).toBe(true), { timeout: 5_000 });
    expect(await read(b.cache, 'v2')).toBe('v2');
    expect(await read(b.cache, 'not asked')).toBe('v2');
  });

  it('re-reads a generation from Redis after at most its max age, even if its message was missed', async () => {
    const keyPrefix = uniqueName('local');
    const { cache } = await instance({ keyPrefix });
    expect(await read(cache, 'v1')).toBe('v1');
    await admin.incr(`${keyPrefix}:t:1:generation`);
    await vi.waitFor(async () => expect(await read(cache, 'v2')).toBe('v2'), { timeout: 5_000, interval: 200 });
  });

  it('reads through Redis for every read while the subscriber is closed', async () => {
    const keyPrefix = uniqueName('local');
    const a = await instance({ keyPrefix });
    const b = await instance({ keyPrefix });
    expect(await read(b.cache, 'v1')).toBe('v1');
    await b.backend.subscriber?.disconnect();
    expect(b.cache.localTierState().trusted).toBe(false);
    await admin.incr(`${keyPrefix}:t:1:generation`);
    expect(await read(b.cache, 'v2')).toBe('v2');
    await a.cache.invalidateScope('t:1');
    expect(await read(b.cache, 'v3')).toBe('v3');
    expect(b.cache.localTierState().entries).toBe(0);
  });

  it('holds at most localMaxEntries values', async () => {
    const { cache } = await instance({ keyPrefix: uniqueName('local'), localMaxEntries: 5 });
    for (let i = 0; i < 20; i += 1) await cache.getOrSetInScope('t:1', `view${i}`, 60_000, async () => i);
    expect(cache.localTierState().entries).toBe(5);
    // The evicted ones are still in Redis.
    expect(await cache.getOrSetInScope('t:1', 'view0', 60_000, async () => -1)).toBe(0);
  });

  it('drops what every instance holds when the store is flushed after a lost invalidation', async () => {
    const keyPrefix = uniqueName('local');
    const a = await instance({ keyPrefix });
    const b = await instance({ keyPrefix });
    expect(await read(b.cache, 'v1')).toBe('v1');
    expect(b.cache.localTierState().entries).toBe(1);
    // The flush after a lost invalidation publishes the flush message.
    await a.backend.redis?.publish(`${keyPrefix}:cache-scopes`, 'flush');
    await vi.waitFor(() => expect(b.cache.localTierState().entries).toBe(0));
  });

  it('serves nothing stale after a Redis restart during which an invalidation was lost', async () => {
    const redis = await startPrivateRedis({ persistent: true });
    try {
      const keyPrefix = uniqueName('local');
      const a = await instance({ keyPrefix }, redis.url);
      const b = await instance({ keyPrefix }, redis.url);
      expect(await read(a.cache, 'v1')).toBe('v1');
      expect(await read(b.cache, 'not asked')).toBe('v1');
      await redis.stop();
      await a.cache.invalidateScope('t:1');
      expect(await read(a.cache, 'v2 while down')).toBe('v2 while down');
      expect(await read(b.cache, 'v2 while down')).toBe('v2 while down');
      await redis.start();
      await vi.waitFor(() => expect(a.cache.localTierState().trusted && b.cache.localTierState().trusted).toBe(true), {
        timeout: 10_000,
      });
      await vi.waitFor(async () => expect(await read(a.cache, 'v2')).toBe('v2'), { timeout: 5_000 });
      expect(await read(b.cache, 'v2')).toBe('v2');
      expect(await read(b.cache, 'not asked')).toBe('v2');
    } finally {
      await redis.remove();
    }
  });
});
