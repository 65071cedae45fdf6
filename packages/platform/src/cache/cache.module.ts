import type { DynamicModule, FactoryProvider, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Logger, Module, Optional } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { createCache, KeyvAdapter } from 'cache-manager';
import { redisInsStore } from 'cache-manager-redis-yet';
import Keyv from 'keyv';
import { AppConfig } from '../config/config.module';
import type { BaseConfig } from '../config/config.schema';
import { HealthRegistry } from '../health/health.registry';
import { MetricsService } from '../metrics/metrics.service';
import { closeRedisConnection, openRedisConnection, redisReady } from '../redis/redis-connection';
import type { CacheBackend } from './cache.service';
import { CacheService } from './cache.service';

export interface PlatformCacheOptions {
  /** Default time to live, used by `CacheService.set` without a ttl. */
  ttlMs: number;
  /** The service's key prefix (`REDIS_KEY_PREFIX`), e.g. `team`. */
  keyPrefix: string;
  /** `REDIS_URL`; without it the cache is in memory (per process) and a warning is logged. */
  redisUrl?: string;
  /** How long start-up waits for a first Redis connection before going on without it (default 3000 ms). */
  connectWaitMs?: number;
  /**
   * Over Redis, values of scoped reads also held in process (an LRU bounded by entry count, each for its
   * ttl), kept current over Redis pub/sub: how many (default 1,000; 0 turns the in-process tier off).
   */
  localMaxEntries?: number;
}

const CACHE_BACKEND = Symbol('CACHE_BACKEND');

/**
 * The product card names cache-manager-redis-yet; it is a cache-manager 5 store, so it is served
 * to cache-manager 7 (which @nestjs/cache-manager 3 needs) through cache-manager's `KeyvAdapter`.
 * Keyv's own key prefix is off: keys in Redis are exactly `<keyPrefix>:<cacheKey>`.
 * The store runs over `openRedisConnection`, so the service starts and keeps running without Redis
 * (`CacheService` then reads through to the loader).
 */
export async function createCacheBackend(
  options: PlatformCacheOptions,
  logger = new Logger('Cache'),
): Promise<CacheBackend> {
  if (options.redisUrl) {
    const client = openRedisConnection({ url: options.redisUrl, name: 'cache' });
    if (!(await redisReady(client, options.connectWaitMs ?? 3_000)))
      logger.warn('Redis is not reachable yet: the cache reads through until it is');
    const store = redisInsStore(client, { ttl: options.ttlMs });
    const keyv = new Keyv({ store: new KeyvAdapter(store), useKeyPrefix: false });
    // Store failures reach CacheService as rejected calls; Keyv's own error event would have no listener.
    keyv.on('error', () => undefined);
    const cache = createCache({ stores: [keyv], ttl: options.ttlMs });
    const local = { maxEntries: options.localMaxEntries };
    // Not waited for: until it has subscribed, scoped reads take their generations from Redis.
    const subscriber =
      options.localMaxEntries === 0
        ? undefined
        : openRedisConnection({
            url: options.redisUrl,
            name: 'cache-subscriber',
            clientName: `${options.keyPrefix}:cache-subscriber`,
          });
    return { cache, keyPrefix: options.keyPrefix, defaultTtlMs: options.ttlMs, redis: client, subscriber, local };
  }
  logger.warn('REDIS_URL is not set: using an in-memory cache (per process, not shared between instances)');
  const memory = new Keyv({ useKeyPrefix: false });
  const cache = createCache({ stores: [memory], ttl: options.ttlMs });
  return { cache, keyPrefix: options.keyPrefix, defaultTtlMs: options.ttlMs, memory };
}

/** Closes the backend's Redis connections, if any. */
export async function closeCacheBackend(backend: CacheBackend): Promise<void> {
  const connections = [backend.redis, backend.subscriber].filter((c) => c !== undefined);
  await Promise.all(connections.map((c) => closeRedisConnection(c)));
}

@Injectable()
class CacheLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly service: CacheService,
    @Inject(CACHE_BACKEND) private readonly backend: CacheBackend,
    @Optional() private readonly health?: HealthRegistry,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  onModuleInit(): void {
    this.health?.register('cache', () => this.service.check());
    if (this.metrics) this.service.useMetrics(this.metrics.registry);
  }

  async onApplicationShutdown(): Promise<void> {
    this.service.close();
    await closeCacheBackend(this.backend);
  }
}

/** `CacheService` and @nestjs/cache-manager's `CACHE_MANAGER` token (so `CacheInterceptor` works) over Redis, or memory without `REDIS_URL`. */
@Module({})
export class PlatformCacheModule {
  static forRoot(options: PlatformCacheOptions): DynamicModule {
    return PlatformCacheModule.withBackend({ provide: CACHE_BACKEND, useFactory: () => createCacheBackend(options) });
  }

  /** Redis from `REDIS_URL` (memory without it), keys prefixed with `REDIS_KEY_PREFIX`, else `SERVICE_NAME`. */
  static fromConfig(options: Pick<PlatformCacheOptions, 'ttlMs' | 'connectWaitMs' | 'localMaxEntries'>): DynamicModule {
    return PlatformCacheModule.withBackend({
      provide: CACHE_BACKEND,
      inject: [AppConfig],
      useFactory: (config: AppConfig<BaseConfig>) =>
        createCacheBackend({
          ...options,
          keyPrefix: config.get('REDIS_KEY_PREFIX') || config.get('SERVICE_NAME'),
          redisUrl: config.get('REDIS_URL'),
        }),
    });
  }

  private static withBackend(backend: FactoryProvider<Promise<CacheBackend>>): DynamicModule {
    return {
      module: PlatformCacheModule,
      global: true,
      providers: [
        backend,
        { provide: CacheService, inject: [CACHE_BACKEND], useFactory: (b: CacheBackend) => new CacheService(b) },
        { provide: CACHE_MANAGER, inject: [CACHE_BACKEND], useFactory: (b: CacheBackend) => b.cache },
        CacheLifecycle,
      ],
      exports: [CacheService, CACHE_MANAGER],
    };
  }
}
