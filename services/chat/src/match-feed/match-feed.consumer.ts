import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumerGroup, envelopeSchemaFor, Topics } from '@prodvor/contracts';
import { isPermanentDataError, KafkaService } from '@prodvor/platform';
import { EphemeralBus } from '../realtime/ephemeral-bus';
import { MatchFeedService } from './match-feed.service';

export const MATCH_FEED_GROUP = consumerGroup('chat', 'match-feed');

/**
 * One consumer group stores `match.events.v1` and pushes each new event with the resulting score to
 * the match room on every instance. Pushing after the write keeps the push and the join snapshot
 * consistent: a client drops pushed events whose sequence its snapshot already covers.
 */
@Injectable()
export class MatchFeedConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly feed: MatchFeedService,
    private readonly bus: EphemeralBus,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: MATCH_FEED_GROUP,
      topics: [Topics.matchEvents],
      schema: envelopeSchemaFor('match.event.recorded'),
      partitionsConsumedConcurrently: 4,
      // A database outage is waited out, not dead-lettered (the read model would silently miss the event).
      isRetriable: (error) => !isPermanentDataError(error),
      handle: async ({ value }) => {
        const update = await this.feed.record(value.data);
        if (update) this.bus.publish({ kind: 'match', rooms: [update.matchId], payload: update });
      },
    });
  }
}
