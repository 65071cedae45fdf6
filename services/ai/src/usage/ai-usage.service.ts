import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig, DomainError, MetricsService } from '@prodvor/platform';
import { Counter } from 'prom-client';
import type { AiConfig } from '../config/ai.config';
import { AiErrorCode } from '../genkit/ai-runtime';
import type { TokenUsage } from '../genkit/structured';

const DAY_MS = 24 * 3600 * 1000;

/** Per-user daily quota of model calls (counters shared through the rate-limit store) and token metrics. */
@Injectable()
export class AiUsageService {
  private readonly tokens: Counter<'flow' | 'direction'>;

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
  }

  /** Counts one model-backed request for the user, or answers 429 when the day's quota is used. */
  async consume(userId: string): Promise<void> {
    const quota = this.config.get('AI_DAILY_QUOTA');
    const { totalHits, timeToExpire } = await this.storage.increment(
      `ai-quota:${userId}`,
      DAY_MS,
      quota,
      DAY_MS,
      'ai-quota',
    );
    if (totalHits > quota)
      throw new DomainError(
        AiErrorCode.QUOTA_EXCEEDED,
        429,
        `Daily AI quota of ${quota} requests used; it renews in ${Math.ceil(timeToExpire / 60)} minutes`,
      );
  }

  record = (usage: TokenUsage): void => {
    this.tokens.labels(usage.flow, 'input').inc(usage.inputTokens);
    this.tokens.labels(usage.flow, 'output').inc(usage.outputTokens);
  };
}
