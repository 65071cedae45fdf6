import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig, DomainError, MetricsService } from '@prodvor/platform';
import { Counter } from 'prom-client';
import type { AiConfig } from '../config/ai.config';
import { AiErrorCode } from '../genkit/ai-runtime';
import type { GenerationObserver, GenerationOutcome, TokenUsage } from '../genkit/structured';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Per-user daily quotas of model calls (counters shared through the rate-limit store, so across
 * instances): one for model-backed requests (429 past it), one for chat moderation (rules past it).
 * And the token metrics.
 */
@Injectable()
export class AiUsageService {
  private readonly tokens: Counter<'flow' | 'direction'>;
  private readonly generations: Counter<'flow' | 'outcome'>;

  constructor(
    // ThrottlerStorage is an interface and a token: decorator metadata alone would say `Object`.
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
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

  /** Counts one model-backed request for the user, or answers 429 when the day's quota is used. */
  async consume(userId: string): Promise<void> {
    const quota = this.config.get('AI_DAILY_QUOTA');
    const { totalHits, timeToExpire } = await this.count('ai-quota', userId, quota);
    if (totalHits > quota)
      throw new DomainError(
        AiErrorCode.QUOTA_EXCEEDED,
        429,
        `Daily AI quota of ${quota} requests used; it renews in ${Math.ceil(timeToExpire / 60)} minutes`,
      );
  }

  /** Counts one model-classified message for its author; false once the day's moderation quota is used. */
  async tryConsumeModeration(userId: string): Promise<boolean> {
    const quota = this.config.get('AI_MODERATION_DAILY_QUOTA');
    return (await this.count('ai-moderation-quota', userId, quota)).totalHits <= quota;
  }

  private count(bucket: string, userId: string, quota: number) {
    return this.storage.increment(`${bucket}:${userId}`, DAY_MS, quota, DAY_MS, bucket);
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
