import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, Clock, openRedisConnection } from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';

/** A token bucket in one hash (tokens, last refill in ms), refilled and taken from atomically. */
const TAKE = `
local tokens = tonumber(redis.call('HGET', KEYS[1], 't'))
local last = tonumber(redis.call('HGET', KEYS[1], 'ts'))
local rate, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if tokens == nil then tokens = burst; last = now end
tokens = math.min(burst, tokens + math.max(0, now - last) * rate / 1000)
local ok = 0
if tokens >= 1 then tokens = tokens - 1; ok = 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return ok`;

/**
 * Per-subscription delivery rate (WEBHOOK_RATE_PER_SECOND, bursts of WEBHOOK_RATE_BURST), shared by every
 * instance through Redis. Over the limit a delivery waits and tries again; it is never dropped. Without
 * Redis the limit is not enforced (deliveries go on; a warning is logged once per outage).
 */
@Injectable()
export class WebhookRateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(WebhookRateLimiter.name);
  private readonly redis?: ReturnType<typeof openRedisConnection>;
  private readonly prefix: string;
  private warned = false;

  constructor(
    private readonly config: AppConfig<TournamentConfig>,
    private readonly clock: Clock,
  ) {
    const url = config.get('REDIS_URL');
    this.prefix = `${config.get('REDIS_KEY_PREFIX') || config.get('SERVICE_NAME')}:webhook-rate:`;
    if (url) this.redis = openRedisConnection({ url, name: 'webhook-rate' });
  }

  /** Takes a token for the subscription: false means over its rate, try later. */
  async take(subscriptionId: string): Promise<boolean> {
    if (!this.redis?.isReady) return this.unlimited();
    try {
      const result = await this.redis.eval(TAKE, {
        keys: [`${this.prefix}${subscriptionId}`],
        arguments: [
          String(this.config.get('WEBHOOK_RATE_PER_SECOND')),
          String(this.config.get('WEBHOOK_RATE_BURST')),
          String(this.clock.now().getTime()),
        ],
      });
      this.warned = false;
      return result === 1;
    } catch (error) {
      return this.unlimited(error);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis?.isOpen) await this.redis.quit().catch(() => undefined);
  }

  private unlimited(error?: unknown): boolean {
    if (!this.warned) this.logger.warn({ err: error }, 'Redis unavailable: webhook rate limits not enforced');
    this.warned = true;
    return true;
  }
}
