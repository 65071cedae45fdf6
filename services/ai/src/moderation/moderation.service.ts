import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import type { AiConfig } from '../config/ai.config';
import { AiRuntime } from '../genkit/ai-runtime';
import { AiUsageService } from '../usage/ai-usage.service';
import { fastModeration, type ModerationResult } from './fast-moderation';
import { defineModerationFlow } from './moderation.flow';

/**
 * Classifies a chat message. The model decides when it answers within the moderation timeout;
 * otherwise (not configured, the author's daily moderation quota used, failing, slow, invalid output)
 * the rules decide, so chat never waits and never gets a 429 from the quota.
 */
@Injectable()
export class ModerationService {
  private readonly logger = new Logger(ModerationService.name);
  private readonly flow?: ReturnType<typeof defineModerationFlow>;

  constructor(
    runtime: AiRuntime,
    private readonly usage: AiUsageService,
    config: AppConfig<AiConfig>,
  ) {
    if (runtime.configured)
      this.flow = defineModerationFlow(runtime.require(), {
        timeoutMs: config.get('AI_MODERATION_TIMEOUT_MS'),
        observer: usage.observer,
      });
  }

  /** `userId`: the message's author, whose daily moderation quota the model call counts against. */
  async classify(userId: string, text: string): Promise<ModerationResult> {
    if (!this.flow) return this.rules(text);
    let charged: boolean;
    try {
      charged = await this.usage.tryConsumeModeration(userId);
    } catch (error) {
      // The quota store (Redis) is down: chat still gets an answer, from the rules.
      this.logger.warn({ reason: (error as Error).message }, 'moderation quota unavailable, rules decide');
      return this.rules(text);
    }
    if (!charged) return this.rules(text);
    try {
      return { ...(await this.flow({ text })), decidedBy: 'model' };
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'moderation fell back to rules');
      await this.usage.refundModeration(userId);
      return this.rules(text);
    }
  }

  private rules(text: string): ModerationResult {
    this.usage.recordFallback('moderation');
    return fastModeration(text);
  }
}
