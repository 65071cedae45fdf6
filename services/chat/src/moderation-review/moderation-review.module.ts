import { Module, type Provider } from '@nestjs/common';
import { AppConfig, ConfigValidationError, MetricsService, ServiceTokenProvider, tokenUrlFor } from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';
import { MessagesModule } from '../messages/messages.module';
import { AI_MODERATION, AiModerationClient } from './ai-moderation.client';
import { ModerationReviewConsumer } from './moderation-review.consumer';

const aiModeration: Provider = {
  provide: AI_MODERATION,
  inject: [AppConfig, MetricsService],
  useFactory: (config: AppConfig<ChatConfig>, metrics: MetricsService): AiModerationClient | null => {
    const url = config.get('AI_SERVICE_URL');
    if (!url) return null;
    const clientSecret = config.get('CHAT_SERVICE_CLIENT_SECRET');
    if (!clientSecret)
      throw new ConfigValidationError([
        { variable: 'CHAT_SERVICE_CLIENT_SECRET', message: 'required when AI_SERVICE_URL is set' },
      ]);
    const tokens = new ServiceTokenProvider({
      tokenUrl: tokenUrlFor(config.get('OIDC_ISSUER'), config.get('OIDC_TOKEN_URL')),
      clientId: config.get('CHAT_SERVICE_CLIENT_ID'),
      clientSecret,
      registry: metrics.registry,
    });
    return new AiModerationClient(url, tokens, {
      timeoutMs: config.get('CHAT_MODERATION_TIMEOUT_MS'),
      registry: metrics.registry,
    });
  },
};

/**
 * Post-delivery moderation review through ai-service; starts only when `AI_SERVICE_URL` is set, and then
 * calls with chat-service's own service-account token (`CHAT_SERVICE_CLIENT_SECRET`).
 */
@Module({ imports: [MessagesModule], providers: [aiModeration, ModerationReviewConsumer] })
export class ModerationReviewModule {}
