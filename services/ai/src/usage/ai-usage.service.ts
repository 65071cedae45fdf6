import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, DomainError, MetricsService, PlatformErrorCode, RedisStore } from '@prodvor/platform';
import { Counter } from 'prom-client';
import type { AiConfig } from '../config/ai.config';
import { AiErrorCode } from '../genkit/ai-runtime';
import type { GenerationObserver, GenerationOutcome, TokenUsage } from '../genkit/structured';

const DAY_MS = 24 * 3600 * 1000;

// A fixed daily window from the first charge: one round trip, atomic across instances.
const CHARGE = `
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { used, redis.call('PTTL', KEYS[1]) }`;
// Gives a unit back, never below zero and never creating a key (the window may have ended meanwhile).
const REFUND = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

type Bucket = 'ai-quota' | 'ai-moderation-quota';

/** A failure that is not the user's doing (provider down, timeout, invalid output, our 5xx): no quota spent. */
const notTheUsersFault = (error: unknown): boolean => !(error instanceof DomainError) || error.status >= 500;

/**
 * Per-user daily quotas of model calls, counted in Redis (shared by instances): one for model-backed
 * requests (429 past it), one for chat moderation (rules past it). A unit is charged before the model
 * call (so parallel requests cannot overrun the quota) and given back when the call fails for a reason
 * that is not the user's. And the generation metrics.
 */
@Injectable()
export class AiUsageService {
  private readonly logger = new Logger(AiUsageService.name);
  private readonly tokens: Counter<'flow' | 'direction'>;
  private readonly generations: Counter<'flow' | 'outcome'>;

  constructor(
    private readonly redis: RedisStore,
    private readonly config: AppConfig<AiConfig>,
    metrics: MetricsService,
  ) {
    this.tokens = new Counter({
      name: 'ai_tokens_total',
      help: 'Model tokens used, by flow and direction (input|output)',
      labelNames: ['flow', 'direction'] as const,
      registers: [metrics.registry],
    });
    this.generations = new Counter({
      name: 'ai_generations_total',
      help: 'Generations by flow and outcome (ok|invalid_output|timeout|unavailable), and answers the rules or template gave instead (fallback)',
      labelNames: ['flow', 'outcome'] as const,
      registers: [metrics.registry],
    });
  }

  /**
   * Runs a model-backed request under the user's daily quota: 429 `AI_QUOTA_EXCEEDED` when it is used,
   * 503 `DEPENDENCY_UNAVAILABLE` when the quota cannot be counted; the unit is given back when `run`
   * fails for a reason that is not the user's (`AI_UNAVAILABLE`, timeouts, `AI_OUTPUT_INVALID`, …).
   */
  async charged<T>(userId: string, run: () => Promise<T>): Promise<T> {
    const quota = this.config.get('AI_DAILY_QUOTA');
    const { used, msLeft } = await this.charge('ai-quota', userId).catch(() => {
      throw new DomainError(PlatformErrorCode.DEPENDENCY_UNAVAILABLE, 503, 'The AI quota cannot be counted right now');
    });
    if (used > quota) {
      await this.refund('ai-quota', userId);
      throw new DomainError(
        AiErrorCode.QUOTA_EXCEEDED,
        429,
        `Daily AI quota of ${quota} requests used; it renews in ${Math.ceil(msLeft / 60_000)} minutes`,
      );
    }
    try {
      return await run();
    } catch (error) {
      if (notTheUsersFault(error)) await this.refund('ai-quota', userId);
      throw error;
    }
  }

  /**
   * Counts one model-classified message for its author: false once the day's moderation quota is used.
   * Throws when Redis does not answer (the caller lets the rules decide).
   */
  async tryConsumeModeration(userId: string): Promise<boolean> {
    const { used } = await this.charge('ai-moderation-quota', userId);
    if (used <= this.config.get('AI_MODERATION_DAILY_QUOTA')) return true;
    await this.refund('ai-moderation-quota', userId);
    return false;
  }

  /** Gives back the moderation unit of a message the model did not classify (the rules did). */
  refundModeration(userId: string): Promise<void> {
    return this.refund('ai-moderation-quota', userId);
  }

  private async charge(bucket: Bucket, userId: string): Promise<{ used: number; msLeft: number }> {
    const [used, msLeft] = (await this.redis.client.eval(CHARGE, {
      keys: [this.redis.key(bucket, userId)],
      arguments: [String(DAY_MS)],
    })) as [number, number];
    return { used, msLeft };
  }

  /** Best effort: a refund that fails costs the user one unit, never the request. */
  private async refund(bucket: Bucket, userId: string): Promise<void> {
    try {
      await this.redis.client.eval(REFUND, { keys: [this.redis.key(bucket, userId)] });
    } catch (error) {
      this.logger.warn({ err: error, bucket }, 'quota refund failed');
    }
  }

  /** What the flows report to: tokens of every model call and how each generation ended. */
  readonly observer: GenerationObserver = {
    onUsage: (usage: TokenUsage): void => {
      this.tokens.labels(usage.flow, 'input').inc(usage.inputTokens);
      this.tokens.labels(usage.flow, 'output').inc(usage.outputTokens);
    },
    onOutcome: (flow: string, outcome: GenerationOutcome): void => {
      this.generations.labels(flow, outcome).inc();
    },
  };

  /** The rules or the template answered instead of the model (not configured, quota, failure). */
  recordFallback(flow: string): void {
    this.generations.labels(flow, 'fallback').inc();
  }
}
