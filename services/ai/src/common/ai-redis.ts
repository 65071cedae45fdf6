import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CACHE_KEY_SEPARATOR, cacheKey } from '@prodvor/platform';
import { createClient, type RedisClientType } from 'redis';

/**
 * A plain Redis connection for data this service stores (not caches): every error reaches the caller
 * — `CacheService` turns a failed read into a miss, which is right for a cache and wrong for data —
 * and a command sent while disconnected fails at once instead of waiting in an offline queue, so a
 * Kafka handler fails and is retried (then dead-lettered) as the consumer is designed to.
 * Keys are `<REDIS_KEY_PREFIX>:<cacheKey(...)>`, beside the cache's.
 */
export class AiRedis implements OnApplicationShutdown {
  private readonly logger = new Logger(AiRedis.name);
  readonly client: RedisClientType;

  /** Connected before anything that uses it is built (so consumers never start on a closed client). */
  static async connect(url: string, prefix: string): Promise<AiRedis> {
    const redis = new AiRedis(url, prefix);
    await redis.client.connect();
    return redis;
  }

  private constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.client = createClient({ url, disableOfflineQueue: true });
    this.client.on('error', (error: unknown) => this.logger.warn({ err: error }, 'redis connection error'));
  }

  key(...parts: (string | number)[]): string {
    return `${this.prefix}${CACHE_KEY_SEPARATOR}${cacheKey(...parts)}`;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.isOpen) await this.client.quit();
  }
}
