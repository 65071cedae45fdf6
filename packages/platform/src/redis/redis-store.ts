import {
  Global,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import type { RedisClientType } from 'redis';
import { CACHE_KEY_SEPARATOR, cacheKey } from '../cache/cache-keys';
import { AppConfig } from '../config/config.module';
import { ConfigValidationError, type BaseConfig } from '../config/config.schema';
import { HealthRegistry } from '../health/health.registry';
import { closeRedisConnection, openRedisConnection, redisReady } from './redis-connection';

export interface RedisStoreOptions {
  /** Also open a second connection for SUBSCRIBE (a subscribed connection takes no other command). */
  subscriber?: boolean;
  /** How long start-up waits for Redis before it fails (default 10 s). */
  connectWaitMs?: number;
}

export interface RedisStoreConnection extends RedisStoreOptions {
  url: string;
  /** Every key starts with it (`REDIS_KEY_PREFIX`, else the service name). */
  prefix: string;
}

/**
 * Redis for data a service keeps there (counters, presence, dedupe marks, quotas), unlike the cache:
 * every error reaches the caller — `CacheService` turns a failed read into a miss, which is right for a
 * cache and wrong for data — and with no offline queue a command sent while Redis is away fails at once,
 * so a request answers 503 and a consumer retries instead of waiting. Start-up waits for Redis (the
 * subscriptions made in other modules' `onModuleInit` need a live connection) and fails if it never
 * comes; afterwards the connections reconnect on their own. Keys are `<prefix>:<cacheKey(…)>`.
 */
export class RedisStore implements OnModuleInit, OnApplicationShutdown {
  readonly client: RedisClientType;
  private readonly subscriberClient: RedisClientType | undefined;

  constructor(
    private readonly connection: RedisStoreConnection,
    private readonly health?: HealthRegistry,
  ) {
    this.client = openRedisConnection({ url: connection.url, name: 'store' });
    this.subscriberClient = connection.subscriber
      ? openRedisConnection({ url: connection.url, name: 'subscriber' })
      : undefined;
  }

  /** A store outside Nest (scripts, integration tests), connected. */
  static async open(connection: RedisStoreConnection): Promise<RedisStore> {
    const store = new RedisStore(connection);
    await store.onModuleInit();
    return store;
  }

  /** The SUBSCRIBE connection (`RedisStoreModule.forRoot({ subscriber: true })`). */
  get subscriber(): RedisClientType {
    if (!this.subscriberClient) throw new Error('RedisStoreModule was set up without a subscriber connection');
    return this.subscriberClient;
  }

  key(...parts: (string | number)[]): string {
    return `${this.connection.prefix}${CACHE_KEY_SEPARATOR}${cacheKey(...parts)}`;
  }

  async onModuleInit(): Promise<void> {
    const wait = this.connection.connectWaitMs ?? 10_000;
    const connections = [this.client, this.subscriberClient].filter((c): c is RedisClientType => !!c);
    const ready = await Promise.all(connections.map((c) => redisReady(c, wait)));
    if (ready.includes(false)) {
      await this.onApplicationShutdown();
      throw new Error(`Redis (REDIS_URL) not reachable within ${wait} ms`);
    }
    this.health?.register('redis', async () => {
      await this.client.ping();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const connections = [this.client, this.subscriberClient].filter((c): c is RedisClientType => !!c);
    await Promise.all(connections.map((c) => closeRedisConnection(c)));
  }
}

/** Provides `RedisStore` to the whole application, connected to `REDIS_URL`. */
@Global()
@Module({})
export class RedisStoreModule {
  static forRoot(options: RedisStoreOptions = {}): DynamicModule {
    const store: Provider = {
      provide: RedisStore,
      inject: [AppConfig, { token: HealthRegistry, optional: true }],
      useFactory: (config: AppConfig<BaseConfig>, health?: HealthRegistry) => {
        const url = config.get('REDIS_URL');
        if (!url) throw new ConfigValidationError([{ variable: 'REDIS_URL', message: 'required by the Redis store' }]);
        return new RedisStore(
          { ...options, url, prefix: config.get('REDIS_KEY_PREFIX') || config.get('SERVICE_NAME') },
          health,
        );
      },
    };
    return { module: RedisStoreModule, providers: [store], exports: [RedisStore] };
  }
}
