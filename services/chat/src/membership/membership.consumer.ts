import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumerGroup, Topics } from '@prodvor/contracts';
import { claimInbox, isPermanentDataError, KafkaService } from '@prodvor/platform';
import { TransactionRunner } from '../database/transaction-runner';
import { RoomAccessService } from '../rooms/room-access.service';
import { membershipEvents } from './membership-events';
import { MembershipProjector } from './membership.projector';

export const MEMBERSHIP_GROUP = consumerGroup('chat', 'membership');

/** Feeds `team.events.v1` and `tournament.events.v1` into the membership read model, once per event. */
@Injectable()
export class MembershipConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly transactions: TransactionRunner,
    private readonly projector: MembershipProjector,
    private readonly access: RoomAccessService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: MEMBERSHIP_GROUP,
      topics: [Topics.teamEvents, Topics.tournamentEvents],
      schema: membershipEvents.schema,
      partitionsConsumedConcurrently: 4,
      // A database outage is waited out, not dead-lettered (the read model would silently miss the event).
      isRetriable: (error) => !isPermanentDataError(error),
      handle: async ({ value }) => {
        const event = membershipEvents.parse(value);
        if (!event) return;
        const change = await this.transactions.run(async (tx) => {
          if (!(await claimInbox(tx, MEMBERSHIP_GROUP, value.id))) return null;
          return this.projector.apply(tx, event);
        });
        if (change) await this.access.membershipChanged(change);
      },
    });
  }
}
