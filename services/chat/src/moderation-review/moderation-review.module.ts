import { Module, type Provider } from '@nestjs/common';
import { AppConfig, ConfigValidationError, MetricsService, ServiceTokenProvider, tokenUrlFor } from '@prodvor/platform';
import type { Registry } from 'prom-client';
import type { ChatConfig } from '../config/chat.config';
import { MessagesModule } from '../messages/messages.module';
import { AI_MODERATION, AiModerationClient } from './ai-moderation.client';
import { ModerationReviewConsumer } from './moderation-review.consumer';

/**
 * The moderation client when `AI_SERVICE_URL` is set (else null), calling with chat-service's own
 * service-account token; refuses to start without `CHAT_SERVICE_CLIENT_SECRET` then.
 */
export function aiModerationClientFrom(config: AppConfig<ChatConfig>, registry?: Registry): AiModerationClient | null {
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
    registry,
  });
  return new AiModerationClient(url, tokens, { timeoutMs: config.get('CHAT_MODERATION_TIMEOUT_MS'), registry });
}

const aiModeration: Provider = {
  provide: AI_MODERATION,
  inject: [AppConfig, MetricsService],
  useFactory: (config: AppConfig<ChatConfig>, metrics: MetricsService) =>
    aiModerationClientFrom(config, metrics.registry),
};

/**
 * Post-delivery moderation review through ai-service; starts only when `AI_SERVICE_URL` is set, and then
 * calls with chat-service's own service-account token (`CHAT_SERVICE_CLIENT_SECRET`).
 */
@Module({ imports: [MessagesModule], providers: [aiModeration, ModerationReviewConsumer] })
export class ModerationReviewModule {}
