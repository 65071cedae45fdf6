import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumedTypesSchema, consumerGroup, eventEnvelopeSchema, Topics, userDeletedData } from '@prodvor/contracts';
import { KafkaService } from '@prodvor/platform';
import { DeletedUserService } from '../members/deleted-user.service';

const userDeletedEnvelope = eventEnvelopeSchema('user.deleted', userDeletedData);

/** `user.deleted` must match its contract (else dead-lettered); the topic's other types are skipped. */
const userEventSchema = consumedTypesSchema(userDeletedEnvelope);

/** Feeds `user.deleted` from `user.events.v1` to the roster rules. */
@Injectable()
export class UserDeletedConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly deletedUsers: DeletedUserService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: consumerGroup('team', 'user-deleted'),
      topics: [Topics.userEvents],
      schema: userEventSchema,
      handle: async ({ value }) => {
        const deleted = userDeletedEnvelope.safeParse(value);
        if (deleted.success) await this.deletedUsers.handle(deleted.data);
      },
    });
  }
}
