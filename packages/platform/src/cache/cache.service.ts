import { Injectable, Logger } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import type Keyv from 'keyv';
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';
import type { RedisClientType } from 'redis';
import { CACHE_KEY_SEPARATOR } from './cache-keys';
import { FLUSH_MESSAGE, LocalTier, type LocalTierOptions } from './local-tier';

export interface CacheBackend {
  cache: Cache;
  keyPrefix: string;
  defaultTtlMs: number;
  /** Present when the store is Redis: used for prefix invalidation and the readiness check. */
  redis?: RedisClientType;
  /** Present for the in-memory store. */
  memory?: Keyv;
  /** With `redis`: the SUBSCRIBE connection that keeps the in-process tier of scoped reads current. */
  subscriber?: RedisClientType;
  local?: LocalTierOptions;
}

// One round trip, and the new generation is published exactly when it is made.
const INVALIDATE_SCOPE = `
local generation = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], generation .. ' ' .. ARGV[2])
return generation
`;

const SCAN_BATCH = 500;

/**
 * Read-through cache with explicit invalidation. Keys passed in are built with `cacheKey(...)`;
 * the service prefix (`REDIS_KEY_PREFIX`) is added here so services sharing a Redis never collide.
 *
 * Redis is an optimisation, never a dependency of a request: while it is unreachable a read is a miss
 * (the loader answers), a write is skipped, and an invalidation that could not be made is remembered;
 * when the connection is back, every key of this service is dropped once, so no value that a lost
 * invalidation should have removed outlives the outage.
 *
 * Over Redis, scoped reads (`getOrSetInScope`) have an in-process tier in front (`LocalTier`): values by
 * their generation-bearing key, and the scopes' generations, which `invalidateScope` publishes to every
 * instance. A hit there costs no round trip; see `LocalTier` for when it is not trusted.
 */
@Injectable()
export class CacheService {
  private readonly logger = new Logger('Cache');
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Scope generations of the in-memory store (Redis keeps them in `<scope>:generation`). */
  private readonly generations = new Map<string, number>();
  private hits?: Counter<'prefix'>;
  private misses?: Counter<'prefix'>;
  private errors?: Counter;
  private localHits?: Counter<'prefix'>;
  private readonly local: LocalTier | undefined;

  private invalidationLost = false;
  private flushing = false;
  private readonly onReconnect = () => void this.flushAfterLostInvalidation();

  constructor(private readonly backend: CacheBackend) {
    backend.redis?.on('ready', this.onReconnect);
    if (backend.redis && backend.subscriber && backend.local?.maxEntries !== 0)
      this.local = new LocalTier(backend.subscriber, this.channel, backend.local);
  }

  /** Stops listening to the connections (they are closed by the module). */
  close(): void {
    this.backend.redis?.off('ready', this.onReconnect);
    this.local?.close();
  }

  /** Whether the in-process tier is in use now (subscribed), and how many values it holds. */
  localTierState(): { trusted: boolean; entries: number } {
    return { trusted: this.local?.trusted ?? false, entries: this.local?.size ?? 0 };
  }

  /** Registers `cache_hits_total` / `cache_misses_total` (hit ratio = hits / (hits + misses)). */
  useMetrics(registry: Registry): void {
    const make = (name: string, help: string) =>
      (registry.getSingleMetric(name) as Counter<'prefix'> | undefined) ??
      new Counter({ name, help, labelNames: ['prefix'] as const, registers: [registry] });
    this.hits = make('cache_hits_total', 'Cache lookups answered from the cache');
    this.misses = make('cache_misses_total', 'Cache lookups that went to the loader');
    this.localHits = make(
      'cache_local_hits_total',
      'Of cache_hits_total, those answered in process (no Redis round trip)',
    );
    this.errors =
      (registry.getSingleMetric('cache_errors_total') as Counter | undefined) ??
      new Counter({
        name: 'cache_errors_total',
        help: 'Cache operations that failed (Redis unreachable)',
        registers: [registry],
      });
  }

  fullKey(key: string): string {
    return `${this.backend.keyPrefix}${CACHE_KEY_SEPARATOR}${key}`;
  }

  /** The cached value; undefined when absent or when the cache cannot be reached. */
  async get<T>(key: string): Promise<T | undefined> {
    if (this.invalidationLost) return undefined;
    try {
      return await this.backend.cache.get<T>(this.fullKey(key));
    } catch (error) {
      this.unavailable(error);
      return undefined;
    }
  }

  /** Stores a value; skipped (logged) when the cache cannot be reached. */
  async set<T>(key: string, value: T, ttlMs = this.backend.defaultTtlMs): Promise<void> {
    if (this.invalidationLost) return;
    try {
      await this.backend.cache.set(this.fullKey(key), value, ttlMs);
    } catch (error) {
      this.unavailable(error);
    }
  }

  /** Cached value or the loader's result (stored for ttlMs); concurrent misses in this process share one load. */
  async getOrSet<T>(key: string, ttlMs: number, loader: () => Promise<T>): Promise<T> {
    const label = { prefix: key.split(CACHE_KEY_SEPARATOR)[0] };
    const cached = await this.get<T>(key);
    if (cached !== undefined && cached !== null) {
      this.hits?.inc(label);
      return cached;
    }
    this.misses?.inc(label);
    const pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const load = (async () => {
      try {
        const value = await loader();
        await this.set(key, value, ttlMs);
        return value;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, load);
    return load;
  }

  /**
   * Read-through inside a scope that is invalidated as a whole with `invalidateScope`. Keys carry the
   * scope's generation: a load that began before an invalidation stores its possibly stale value under
   * the old generation, where no later read looks (deleting keys cannot stop such a load from writing
   * after the delete). Invalidation is one INCR, whatever the number of keys.
   */
  async getOrSetInScope<T>(scope: string, key: string, ttlMs: number, loader: () => Promise<T>): Promise<T> {
    // What is read from Redis enters the in-process tier only if that tier was not reset in between.
    const epoch = this.local?.epoch ?? 0;
    let generation: number;
    try {
      if (this.invalidationLost) throw new Error('cache is being flushed after lost invalidations');
      generation = await this.scopeGeneration(scope, epoch);
    } catch (error) {
      // Without the generation nothing can be read or stored safely: the loader answers.
      this.unavailable(error);
      return loader();
    }
    const fullKey = [scope, `g${generation}`, key].join(CACHE_KEY_SEPARATOR);
    const held = this.local?.get(fullKey);
    if (held) {
      const label = { prefix: scope.split(CACHE_KEY_SEPARATOR)[0] };
      this.hits?.inc(label);
      this.localHits?.inc(label);
      return held.value as T;
    }
    const value = await this.getOrSet(fullKey, ttlMs, loader);
    if (!this.invalidationLost) this.local?.set(fullKey, value, ttlMs, epoch);
    return value;
  }

  /** Every value cached by `getOrSetInScope` under `scope`, in every instance, is dropped from the next read on. */
  async invalidateScope(scope: string): Promise<void> {
    const { redis } = this.backend;
    if (!redis) {
      this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
      return;
    }
    const generation = await this.invalidating(() =>
      redis.eval(INVALIDATE_SCOPE, { keys: [this.generationKey(scope)], arguments: [this.channel, scope] }),
    );
    // Read-your-writes here; the other instances learn it from the channel.
    if (typeof generation === 'number') this.local?.raiseGeneration(scope, generation);
  }

  private get channel(): string {
    return this.fullKey('cache-scopes');
  }

  private async scopeGeneration(scope: string, epoch: number): Promise<number> {
    const { redis } = this.backend;
    if (!redis) return this.generations.get(scope) ?? 0;
    const held = this.local?.generation(scope);
    if (held !== undefined) return held;
    const generation = Number((await redis.get(this.generationKey(scope))) ?? 0);
    this.local?.raiseGeneration(scope, generation, epoch);
    // A newer generation may have been published while the GET was on its way.
    return Math.max(generation, this.local?.generation(scope) ?? 0);
  }

  private generationKey(scope: string): string {
    return this.fullKey(`${scope}${CACHE_KEY_SEPARATOR}generation`);
  }

  async invalidate(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.invalidating(() => this.backend.cache.mdel(keys.map((key) => this.fullKey(key))));
  }

  /** Removes every key starting with `prefix` (a `cacheKey(...)` of the leading parts); 0 when the cache is unreachable. */
  async invalidatePrefix(prefix: string): Promise<number> {
    return (await this.invalidating(() => this.removePrefix(prefix))) ?? 0;
  }

  private async removePrefix(prefix: string): Promise<number> {
    const pattern = this.fullKey(prefix);
    const { redis, memory } = this.backend;
    let removed = 0;
    if (redis) {
      const glob = `${pattern.replace(/[?*[\]\\]/g, '\\$&')}*`;
      let batch: string[] = [];
      for await (const key of redis.scanIterator({ MATCH: glob, COUNT: SCAN_BATCH })) {
        batch.push(key);
        if (batch.length >= SCAN_BATCH) {
          removed += await redis.del(batch);
          batch = [];
        }
      }
      if (batch.length > 0) removed += await redis.del(batch);
    } else if (memory?.iterator) {
      const keys: string[] = [];
      for await (const [key] of memory.iterator(undefined) as AsyncGenerator<[string, unknown]>) {
        if (key.startsWith(pattern)) keys.push(key);
      }
      if (keys.length > 0) await this.backend.cache.mdel(keys);
      removed = keys.length;
    }
    this.logger.debug(`invalidated ${removed} key(s) under ${pattern}`);
    return removed;
  }

  /** Runs an invalidation; if Redis cannot take it, the whole service's keys are dropped once it is back. */
  private async invalidating<R>(operation: () => Promise<R>): Promise<R | undefined> {
    // Everything is dropped by the pending flush anyway.
    if (this.invalidationLost) return undefined;
    try {
      return await operation();
    } catch (error) {
      this.invalidationLost = true;
      this.unavailable(error);
      return undefined;
    }
  }

  /** Until this has run, reads and writes bypass the cache (what it holds may be stale). */
  private async flushAfterLostInvalidation(): Promise<void> {
    if (!this.invalidationLost || this.flushing) return;
    this.flushing = true;
    try {
      const removed = await this.removePrefix('');
      // The other instances' in-process tiers may hold what the lost invalidations should have dropped.
      await this.backend.redis?.publish(this.channel, FLUSH_MESSAGE);
      this.local?.clear();
      this.invalidationLost = false;
      this.logger.warn(`dropped ${removed} cached key(s): invalidations were lost while Redis was unreachable`);
    } catch (error) {
      this.unavailable(error);
    } finally {
      this.flushing = false;
    }
  }

  private unavailable(error: unknown): void {
    this.errors?.inc();
    this.logger.debug({ err: error }, 'cache unavailable: reading through');
  }

  /** Readiness: Redis answers PING (the in-memory store is always ready). */
  async check(): Promise<void> {
    if (this.backend.redis) await this.backend.redis.ping();
  }
}
