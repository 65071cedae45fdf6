import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { consumerGroup, Topics } from '@prodvor/contracts';
import {
  AppConfig,
  Clock,
  isPermanentDataError,
  type KafkaConsumerRunner,
  KafkaService,
  MetricsService,
} from '@prodvor/platform';
import { Counter } from 'prom-client';
import type { ChatConfig } from '../config/chat.config';
import { chatTopicEventSchema, type ChatTopicEvent } from '../messages/chat-topic-events';
import { MessagesService } from '../messages/messages.service';
import { AI_MODERATION, type AiModerationClient, type ModerationVerdict } from './ai-moderation.client';

export const MODERATION_REVIEW_GROUP = consumerGroup('chat', 'moderation-review');

/** Verdicts that hide a message. `personal_data` stays: sharing one's phone with the team is normal. */
export const HIDING_VERDICTS: readonly ModerationVerdict[] = ['toxic', 'spam'];

/**
 * Post-delivery moderation: its own consumer group on `chat.messages.v1` sends each new or edited
 * text to ai-service as the author and hides (moderator soft delete, pushed live, shown deleted in
 * history) what comes back toxic or spam. The send path never waits for it. ai-service unavailable
 * (down, slow, breaker open, 5xx) or refusing (4xx): the message stays, logged and counted, and the
 * partition moves on. While chat's own database is down the partition waits (capped backoff); data the
 * database refuses is retried (bounded) and then dead-lettered.
 */
@Injectable()
export class ModerationReviewConsumer implements OnModuleInit {
  private readonly logger = new Logger(ModerationReviewConsumer.name);
  private readonly reviews: Counter<'outcome'>;
  private readonly maxAgeMs: number;
  private runner?: KafkaConsumerRunner<typeof chatTopicEventSchema>;

  constructor(
    private readonly kafka: KafkaService,
    private readonly messages: MessagesService,
    private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
    metrics: MetricsService,
    @Inject(AI_MODERATION) private readonly ai: AiModerationClient | null,
  ) {
    this.maxAgeMs = config.get('CHAT_MODERATION_MAX_AGE_SECONDS') * 1000;
    this.reviews =
      (metrics.registry.getSingleMetric('chat_moderation_reviews_total') as Counter<'outcome'> | undefined) ??
      new Counter({
        name: 'chat_moderation_reviews_total',
        help: 'Messages reviewed after delivery, by outcome (ok|hidden|kept_<verdict>|already_deleted|unavailable|refused|too_old)',
        labelNames: ['outcome'] as const,
        registers: [metrics.registry],
      });
  }

  async onModuleInit(): Promise<void> {
    if (!this.ai) {
      this.logger.log('AI_SERVICE_URL not set: messages are not reviewed by moderation');
      return;
    }
    this.runner = await this.kafka.createConsumer({
      groupId: MODERATION_REVIEW_GROUP,
      topics: [Topics.chatMessages],
      schema: chatTopicEventSchema,
      partitionsConsumedConcurrently: 4,
      // chat's own database down: wait it out (a review parked on the DLQ would never hide the message)
      isRetriable: (error) => !isPermanentDataError(error),
      handle: ({ value }) => this.handle(value),
    });
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
  }

  private async handle(event: ChatTopicEvent): Promise<void> {
    if (event.type === 'chat.message.deleted') return;
    const { messageId, roomId, text } = event.data;
    const authorId = event.type === 'chat.message.sent' ? event.data.senderId : event.data.editorId;
    if (text.trim().length === 0) return;
    if (this.clock.now().getTime() - Date.parse(event.occurredAt) > this.maxAgeMs) {
      this.reviews.inc({ outcome: 'too_old' });
      return;
    }

    if (!this.ai) return;
    let answer: Awaited<ReturnType<AiModerationClient['classify']>>;
    try {
      answer = await this.ai.classify(authorId, text, event.correlationId);
    } catch (error) {
      // Never blocks chat: the message stays unreviewed.
      this.reviews.inc({ outcome: 'unavailable' });
      this.logger.warn({ err: error, messageId, roomId }, 'moderation unavailable, message kept unreviewed');
      return;
    }
    if ('skipped' in answer) {
      this.reviews.inc({ outcome: 'refused' });
      this.logger.warn({ status: answer.skipped, messageId, roomId }, 'moderation refused the review, message kept');
      return;
    }
    if (!HIDING_VERDICTS.includes(answer.verdict)) {
      this.reviews.inc({ outcome: answer.verdict === 'ok' ? 'ok' : `kept_${answer.verdict}` });
      return;
    }
    const sent = event.type === 'chat.message.sent' ? event.data : undefined;
    const hidden = await this.messages.hideByModeration(roomId, messageId, event.correlationId, sent);
    this.reviews.inc({ outcome: hidden ? 'hidden' : 'already_deleted' });
    if (hidden)
      this.logger.log(
        { messageId, roomId, authorId, reason: `moderation:${answer.verdict}`, detail: answer.reason },
        'message hidden by moderation',
      );
  }
}
