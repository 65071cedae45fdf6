import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  consumedTypesSchema,
  eventEnvelopeSchema,
  isMessageType,
  messageSchemas,
  Topics,
  webhookEventTypes,
  type WebhookEventType,
} from '@prodvor/contracts';
import { KafkaService } from '@prodvor/platform';
import { FANOUT_CONSUMER, WebhookFanoutService, type WebhookSourceEvent } from './webhook-fanout.service';

const wanted = new Set<string>(webhookEventTypes);
/** Known types must match their contract (else dead-lettered); the others on these topics pass and are skipped. */
const [first, ...more] = webhookEventTypes.map((type) => eventEnvelopeSchema(type, messageSchemas[type]));
const sourceEventsSchema = consumedTypesSchema(first, ...more);

/**
 * Feeds webhooks from the service's own domain events as they leave the outbox (`tournament.events.v1`,
 * `match.events.v1`): whatever the tournament publishes, subscribers receive, after it committed.
 */
@Injectable()
export class WebhookEventsConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly fanout: WebhookFanoutService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: FANOUT_CONSUMER,
      topics: [Topics.tournamentEvents, Topics.matchEvents],
      schema: sourceEventsSchema,
      handle: async ({ value }) => {
        const event = value as { type: string };
        if (!isMessageType(event.type) || !wanted.has(event.type)) return;
        await this.fanout.fanOut(value as WebhookSourceEvent & { type: WebhookEventType });
      },
    });
  }
}
