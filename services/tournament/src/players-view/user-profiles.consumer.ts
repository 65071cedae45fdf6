import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  consumedTypesSchema,
  consumerGroup,
  eventEnvelopeSchema,
  Topics,
  userProfileUpdatedData,
} from '@prodvor/contracts';
import { claimInbox, KafkaService } from '@prodvor/platform';
import { TransactionRunner } from '../database/transaction-runner';
import { PlayerViewsRepository } from './player-views.repository';

const CONSUMER = consumerGroup('tournament', 'player-view');

const profileUpdated = eventEnvelopeSchema('user.profile.updated', userProfileUpdatedData);
/** Only profile updates are read here (user.deleted has its own consumer); other types pass and are skipped. */
const userEventsSchema = consumedTypesSchema(profileUpdated);

/**
 * Keeps display names and avatars from `user.events.v1` for public pages, once per event. Cached reads
 * show a new name when their entry expires (TOURNAMENT_CACHE_TTL_MS), as for team renames.
 */
@Injectable()
export class UserProfilesConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly transactions: TransactionRunner,
    private readonly players: PlayerViewsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: CONSUMER,
      topics: [Topics.userEvents],
      schema: userEventsSchema,
      handle: async ({ value }) => {
        const parsed = profileUpdated.safeParse(value);
        if (!parsed.success) return;
        const { id, data, occurredAt } = parsed.data;
        await this.transactions.run(async (tx) => {
          if (!(await claimInbox(tx, CONSUMER, id))) return;
          const profile = { displayName: data.displayName, avatarMediaId: data.avatarMediaId ?? null };
          await this.players.applyProfile(tx, data.userId, profile, new Date(occurredAt));
        });
      },
    });
  }
}
