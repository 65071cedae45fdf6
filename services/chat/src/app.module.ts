import { Module, type DynamicModule } from '@nestjs/common';
import { Exchanges } from '@prodvor/contracts';
import { KafkaModule, OutboxModule, RabbitMqModule, ServiceCoreModule } from '@prodvor/platform';
import { chatMediaResultsTopology } from './attachments/media-results.topology';
import { RedisStoreModule } from '@prodvor/platform';
import { chatConfigSchema } from './config/chat.config';
import { DatabaseModule } from './database/database.module';
import { MatchFeedModule } from './match-feed/match-feed.module';
import { MembershipModule } from './membership/membership.module';
import { MessagesModule } from './messages/messages.module';
import { ModerationModule } from './moderation/moderation.module';
import { ModerationReviewModule } from './moderation-review/moderation-review.module';
import { EphemeralStateModule } from './realtime/ephemeral-state.module';
import { RealtimeModule } from './realtime/realtime.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { RoomAccessModule } from './rooms/room-access.module';
import { RoomsModule } from './rooms/rooms.module';

@Module({})
export class AppModule {
  /** `env` defaults to `process.env`; tests pass their own. */
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ schema: chatConfigSchema, env }),
        KafkaModule.fromConfig(),
        OutboxModule.fromConfig(),
        // Publishes notification jobs (user-service owns that queue); consumes its own media results queue.
        RabbitMqModule.fromConfig({
          exchanges: [Exchanges.notifications, Exchanges.media],
          queues: [chatMediaResultsTopology],
        }),
        RedisStoreModule.forRoot({ subscriber: true }),
        DatabaseModule,
        RoomAccessModule,
        EphemeralStateModule,
        MembershipModule,
        MessagesModule,
        ReceiptsModule,
        MatchFeedModule,
        RoomsModule,
        ModerationModule,
        ModerationReviewModule,
        RealtimeModule,
      ],
    };
  }
}
