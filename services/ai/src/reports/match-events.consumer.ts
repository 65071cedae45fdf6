import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumerGroup, eventEnvelopeSchema, matchEventData, Topics } from '@prodvor/contracts';
import { KafkaService } from '@prodvor/platform';
import { MatchEventsStore } from './match-events.store';
import { MatchReportService } from './match-report.service';

/** Keeps finished matches' events locally; a correction drops the cached reports of its match. */
@Injectable()
export class MatchEventsConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly store: MatchEventsStore,
    private readonly reports: MatchReportService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: consumerGroup('ai', 'match-events'),
      topics: [Topics.matchEvents],
      schema: eventEnvelopeSchema('match.event.recorded', matchEventData),
      handle: async ({ value }) => {
        await this.store.add(value.data);
        if (value.data.kind === 'correction') await this.reports.forget(value.data.matchId);
      },
    });
  }
}
