import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  consumedTypesSchema,
  consumerGroup,
  eventEnvelopeSchema,
  teamMemberLeftData,
  teamMemberRemovedData,
  Topics,
} from '@prodvor/contracts';
import { claimInbox, KafkaService } from '@prodvor/platform';
import { z } from 'zod';
import { TransactionRunner } from '../database/transaction-runner';
import { WaitlistService } from './waitlist.service';

const CONSUMER = consumerGroup('team', 'schedule-roster');

const departure = z.discriminatedUnion('type', [
  eventEnvelopeSchema('team.member.left', teamMemberLeftData),
  eventEnvelopeSchema('team.member.removed', teamMemberRemovedData),
]);
/** Departures must match their contract (else dead-lettered); every other type on the topic passes and is skipped. */
const departuresSchema = consumedTypesSchema(...departure.options);

/**
 * team-service's own `team.member.left|removed` events (leaving, removal, account deletion): a member
 * who is gone no longer holds a place at the team's coming events, and the next in line gets it.
 * Once per event: the id is claimed in the inbox first.
 */
@Injectable()
export class RosterDeparturesConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly transactions: TransactionRunner,
    private readonly waitlist: WaitlistService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: CONSUMER,
      topics: [Topics.teamEvents],
      schema: departuresSchema,
      handle: async ({ value }) => {
        const parsed = departure.safeParse(value);
        if (!parsed.success) return;
        const { id, data, correlationId } = parsed.data;
        await this.transactions.run(async (tx) => {
          if (await claimInbox(tx, CONSUMER, id))
            await this.waitlist.withdrawDeparted(tx, data.teamId, data.userId, correlationId);
        });
      },
    });
  }
}
