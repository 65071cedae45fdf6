import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumerGroup, eventEnvelopeSchema, Topics, userDeletedData } from '@prodvor/contracts';
import { KafkaService } from '@prodvor/platform';
import { z } from 'zod';
import { DeletedUserService } from './deleted-user.service';

const userDeletedEnvelope = eventEnvelopeSchema('user.deleted', userDeletedData);

/**
 * A `user.deleted` must match its contract (else it is dead-lettered); the other events on
 * `user.events.v1`, including types added later, pass and are skipped.
 */
const userEventSchema = z.union([
  userDeletedEnvelope,
  z.object({ type: z.string().refine((type) => type !== 'user.deleted') }).passthrough(),
]);

/** Feeds `user.deleted` from `user.events.v1` (group `storage.user-deleted`) to the clean-up. */
@Injectable()
export class UserDeletedConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly deletedUsers: DeletedUserService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: consumerGroup('storage', 'user-deleted'),
      topics: [Topics.userEvents],
      schema: userEventSchema,
      handle: async ({ value }) => {
        const deleted = userDeletedEnvelope.safeParse(value);
        if (deleted.success) await this.deletedUsers.handle(deleted.data);
      },
    });
  }
}
