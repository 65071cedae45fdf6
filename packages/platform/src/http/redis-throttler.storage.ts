import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { RedisClientType } from 'redis';
import { closeRedisConnection, openRedisConnection, redisReady } from '../redis/redis-connection';

// Fixed window counter plus an optional block: one round trip, atomic across instances.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return { hits, ttl, blockTtl }
`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * `ThrottlerStorage` over node-redis v4 so limits hold across service instances. While Redis is
 * unreachable the counters fall back to this instance's memory (@nestjs/throttler's own storage): the
 * limits still hold, per instance, instead of every limited route failing, and Redis takes over again
 * once it is back (see `openRedisConnection` for the reconnects).
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly client: RedisClientType;
  private readonly fallback = new ThrottlerStorageService();
  private degraded = false;
  /** The first requests after start-up wait a moment for the connection instead of counting in memory. */
  private readonly firstConnect: Promise<boolean>;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.client = openRedisConnection({ url, name: 'throttler' });
    this.firstConnect = redisReady(this.client, 3_000);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (!this.client.isReady) await this.firstConnect;
    if (this.client.isReady) {
      try {
        const record = await this.incrementInRedis(key, ttl, limit, blockDuration, throttlerName);
        if (this.degraded) this.logger.log('rate limits are counted in Redis again');
        this.degraded = false;
        return record;
      } catch (error) {
        if (!this.degraded) this.logger.warn({ err: error }, 'Redis unavailable: rate limits counted per instance');
        this.degraded = true;
      }
    } else if (!this.degraded) {
      this.logger.warn('Redis not connected: rate limits counted per instance');
      this.degraded = true;
    }
    return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  private async incrementInRedis(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    const [hits, ttlMs, blockMs] = (await this.client.eval(INCREMENT, {
      keys: [base, `${base}:blocked`],
      arguments: [String(ttl), String(limit), String(blockDuration > 0 ? blockDuration : ttl)],
    })) as [number, number, number];
    const isBlocked = blockMs > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(Math.ceil(ttlMs / 1000), 0),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockMs / 1000) : 0,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.fallback.onApplicationShutdown();
    await closeRedisConnection(this.client);
  }
}
