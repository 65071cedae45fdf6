import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type ModuleMetadata,
  type OnModuleInit,
  Optional,
  type Type,
} from '@nestjs/common';
import {
  consumedTypesSchema,
  consumerGroup,
  eventEnvelopeSchema,
  Topics,
  userDeletedData,
  userProfileUpdatedData,
  userRegisteredData,
} from '@prodvor/contracts';
import { KafkaService } from '../kafka/kafka.module';
import { claimInbox } from '../outbox/outbox';
import type { SqlExecutor } from '../outbox/sql-executor';
import {
  applyRegisteredUser,
  applyUserProfile,
  personDisplay,
  type PersonDisplay,
  readUserProfiles,
  removeUserProfile,
  type UserProfile,
} from './user-profiles.sql';

/** A service's transaction runner as this module uses it (a `PrismaTransactionRunner` fits). */
export interface SqlTransactions {
  run<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** Told after a profile row changed (committed), e.g. to drop cached pages that show the user. */
export interface UserProfileListener {
  profileChanged(userId: string): Promise<void>;
}

export interface UserProfilesModuleOptions {
  /** The consuming service: its consumer group (and inbox name) is `<service>.user-profiles`. */
  service: string;
  /** The service's Prisma client class (its injection token): reads run on it. */
  client: Type<SqlExecutor>;
  /** The service's transaction runner class (its injection token): each event is applied in one. */
  runner: Type<SqlTransactions>;
  listener?: Type<UserProfileListener>;
  /** The modules that provide what the listener injects. */
  imports?: ModuleMetadata['imports'];
}

/** Profiles of many users read at once, shown by user id. */
export class People {
  constructor(private readonly profiles: ReadonlyMap<string, UserProfile>) {}

  of(userId: string): PersonDisplay {
    return personDisplay(this.profiles.get(userId));
  }
}

/** Reads the local copy of user profiles: one query per call, whatever the number of users. */
export class UserProfiles {
  constructor(private readonly db: SqlExecutor) {}

  profiles(userIds: readonly string[]): Promise<Map<string, UserProfile>> {
    return readUserProfiles(this.db, userIds);
  }

  async people(userIds: readonly string[]): Promise<People> {
    return new People(await this.profiles(userIds));
  }
}

const OPTIONS = Symbol('USER_PROFILES_OPTIONS');
const RUNNER = Symbol('USER_PROFILES_RUNNER');
const LISTENER = Symbol('USER_PROFILES_LISTENER');

const registered = eventEnvelopeSchema('user.registered', userRegisteredData);
const profileUpdated = eventEnvelopeSchema('user.profile.updated', userProfileUpdatedData);
const deleted = eventEnvelopeSchema('user.deleted', userDeletedData);
/**
 * Registrations and profile updates must match their contracts (else dead-lettered). `user.deleted` passes
 * like the topic's other types and is applied when it parses: `UserDeletedModule`'s consumer already
 * dead-letters a malformed one, and one report of it is enough.
 */
const userEventsSchema = consumedTypesSchema(registered, profileUpdated);

/**
 * One consumer group reads registrations, profile updates and deletions: one user's events share a
 * partition, so they are applied in order and a deleted account's profile is never written back.
 */
@Injectable()
class UserProfilesConsumer implements OnModuleInit {
  private readonly group: string;

  constructor(
    private readonly kafka: KafkaService,
    @Inject(RUNNER) private readonly transactions: SqlTransactions,
    @Inject(OPTIONS) options: UserProfilesModuleOptions,
    @Optional() @Inject(LISTENER) private readonly listener?: UserProfileListener,
  ) {
    this.group = consumerGroup(options.service, 'user-profiles');
  }

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: this.group,
      topics: [Topics.userEvents],
      schema: userEventsSchema,
      handle: async ({ value }) => {
        const change = this.changeOf(value);
        if (!change) return;
        const changed = await this.transactions.run(
          async (tx) => (await claimInbox(tx, this.group, change.id)) && change.apply(tx),
        );
        if (changed && this.listener) await this.listener.profileChanged(change.userId);
      },
    });
  }

  private changeOf(
    value: unknown,
  ): { id: string; userId: string; apply: (tx: SqlExecutor) => Promise<boolean> } | null {
    const r = registered.safeParse(value);
    if (r.success)
      return {
        id: r.data.id,
        userId: r.data.data.userId,
        apply: async (tx) => {
          await applyRegisteredUser(tx, r.data.data.userId, r.data.data.username);
          return true;
        },
      };
    const p = profileUpdated.safeParse(value);
    if (p.success) {
      const { userId, displayName, avatarMediaId } = p.data.data;
      const at = new Date(p.data.occurredAt);
      return {
        id: p.data.id,
        userId,
        apply: (tx) => applyUserProfile(tx, userId, { displayName, avatarMediaId: avatarMediaId ?? null }, at),
      };
    }
    const d = deleted.safeParse(value);
    if (d.success)
      return { id: d.data.id, userId: d.data.data.userId, apply: (tx) => removeUserProfile(tx, d.data.data.userId) };
    return null;
  }
}

/**
 * A service's read model of user profiles (display name, else username; avatar), fed by `user.events.v1`
 * (`user.registered`, `user.profile.updated`, `user.deleted`), so responses show people rather than bare
 * ids without calling user-service. Needs `KafkaModule` and the `user_profiles` table
 * (`user-profiles.prisma.txt`). Provides `UserProfiles` to the whole application.
 * `UserProfilesModule.forService({ service: 'team', client: PrismaClient, runner: TransactionRunner })`
 */
@Module({})
export class UserProfilesModule {
  static forService(options: UserProfilesModuleOptions): DynamicModule {
    return {
      module: UserProfilesModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: RUNNER, useExisting: options.runner },
        { provide: UserProfiles, inject: [options.client], useFactory: (db: SqlExecutor) => new UserProfiles(db) },
        ...(options.listener ? [options.listener, { provide: LISTENER, useExisting: options.listener }] : []),
        UserProfilesConsumer,
      ],
      exports: [UserProfiles],
    };
  }
}
