import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type ModuleMetadata,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import {
  consumedTypesSchema,
  consumerGroup,
  eventEnvelopeSchema,
  type MessageEnvelope,
  Topics,
  userDeletedData,
} from '@prodvor/contracts';
import { KafkaService } from './kafka.module';

/** What a service's handler receives: the `user.deleted` envelope (its id is the idempotency key). */
export type UserDeletedEvent = Pick<MessageEnvelope<'user.deleted'>, 'id' | 'correlationId' | 'data'>;

/** A service's rules for a deleted account; idempotent (redelivery hands it the same event again). */
export interface UserDeletedHandler {
  handle(event: UserDeletedEvent): Promise<void>;
}

export interface UserDeletedModuleOptions {
  /** The consuming service: its consumer group is `<service>.user-deleted`. */
  service: string;
  /** The handler class, provided by this module. */
  handler: Type<UserDeletedHandler>;
  /** The modules that provide what the handler injects. */
  imports?: ModuleMetadata['imports'];
}

const OPTIONS = Symbol('USER_DELETED_OPTIONS');
const HANDLER = Symbol('USER_DELETED_HANDLER');

const userDeletedEnvelope = eventEnvelopeSchema('user.deleted', userDeletedData);
/** `user.deleted` must match its contract (else dead-lettered); the topic's other types are skipped. */
const userEventsSchema = consumedTypesSchema(userDeletedEnvelope);

@Injectable()
class UserDeletedConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    @Inject(HANDLER) private readonly handler: UserDeletedHandler,
    @Inject(OPTIONS) private readonly options: UserDeletedModuleOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: consumerGroup(this.options.service, 'user-deleted'),
      topics: [Topics.userEvents],
      schema: userEventsSchema,
      handle: async ({ value }) => {
        const deleted = userDeletedEnvelope.safeParse(value);
        if (deleted.success) await this.handler.handle(deleted.data);
      },
    });
  }
}

/**
 * Feeds `user.deleted` from `user.events.v1` to a service's handler, the one way every holder of user
 * data hears of a deleted account. Needs `KafkaModule`.
 * `UserDeletedModule.forService({ service: 'team', handler: DeletedUserService, imports: [MembersModule] })`
 */
@Module({})
export class UserDeletedModule {
  static forService(options: UserDeletedModuleOptions): DynamicModule {
    return {
      module: UserDeletedModule,
      imports: options.imports ?? [],
      providers: [
        { provide: OPTIONS, useValue: options },
        options.handler,
        { provide: HANDLER, useExisting: options.handler },
        UserDeletedConsumer,
      ],
    };
  }
}
