import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumerGroup, eventEnvelopeSchema, matchEventData, Topics } from '@prodvor/contracts';
import { KafkaService } from '@prodvor/platform';
import { MatchEventsStore } from './match-events.store';

/**
 * Keeps matches' events locally (idempotently, by sequence). A correction needs nothing more: the
 * report cache is keyed by the last sequence, so the next request writes a new report.
 */
@Injectable()
export class MatchEventsConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly store: MatchEventsStore,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: consumerGroup('ai', 'match-events'),
      topics: [Topics.matchEvents],
      schema: eventEnvelopeSchema('match.event.recorded', matchEventData),
      handle: async ({ value }) => {
        await this.store.add(value.data);
      },
    });
  }
}
