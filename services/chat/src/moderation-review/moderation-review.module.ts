import { Module, type Provider } from '@nestjs/common';
import { AppConfig, MetricsService } from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';
import { MessagesModule } from '../messages/messages.module';
import { AI_MODERATION, AiModerationClient } from './ai-moderation.client';
import { ModerationReviewConsumer } from './moderation-review.consumer';

const aiModeration: Provider = {
  provide: AI_MODERATION,
  inject: [AppConfig, MetricsService],
  useFactory: (config: AppConfig<ChatConfig>, metrics: MetricsService): AiModerationClient | null => {
    const url = config.get('AI_SERVICE_URL');
    return url
      ? new AiModerationClient(url, { timeoutMs: config.get('CHAT_MODERATION_TIMEOUT_MS'), registry: metrics.registry })
      : null;
  },
};

/** Post-delivery moderation review through ai-service; starts only when `AI_SERVICE_URL` is set. */
@Module({ imports: [MessagesModule], providers: [aiModeration, ModerationReviewConsumer] })
export class ModerationReviewModule {}
