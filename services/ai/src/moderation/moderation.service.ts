import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import { z } from 'genkit';
import type { AiConfig } from '../config/ai.config';
import { AiRuntime } from '../genkit/ai-runtime';
import { generateStructured } from '../genkit/structured';
import { AiUsageService } from '../usage/ai-usage.service';
import { fastModeration, type ModerationResult } from './fast-moderation';

const verdictSchema = z.object({
  verdict: z.enum(['ok', 'toxic', 'spam', 'personal_data']),
  reason: z.string().min(1).max(200),
  confidence: z.number().min(0).max(1),
});

/**
 * Classifies a chat message. The model decides when it answers within the moderation timeout;
 * otherwise (not configured, failing, slow, invalid output) the rules decide, so chat never waits.
 */
@Injectable()
export class ModerationService {
  private readonly logger = new Logger(ModerationService.name);

  constructor(
    private readonly runtime: AiRuntime,
    private readonly usage: AiUsageService,
    private readonly config: AppConfig<AiConfig>,
  ) {}

  async classify(text: string): Promise<ModerationResult> {
    if (!this.runtime.configured) return fastModeration(text);
    try {
      const result = await generateStructured(this.runtime.require(), {
        flow: 'moderation',
        instructions:
          'Classify one chat message of an amateur sports app as ok, toxic (insults, harassment), spam (ads, link floods) or personal_data (phone numbers, addresses, card or document numbers). Give a short reason.',
        data: { message: text },
        schema: verdictSchema,
        maxAttempts: 1,
        timeoutMs: this.config.get('AI_MODERATION_TIMEOUT_MS'),
        onUsage: this.usage.record,
      });
      return { ...result, decidedBy: 'model' };
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'moderation fell back to rules');
      return fastModeration(text);
    }
  }
}
