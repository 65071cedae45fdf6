import { Module, type DynamicModule } from '@nestjs/common';
import { Exchanges } from '@prodvor/contracts';
import {
  KafkaModule,
  loadConfig,
  JobOutboxModule,
  OutboxModule,
  PlatformCacheModule,
  queueTopology,
  RabbitMqModule,
  ServiceCoreModule,
  UserDeletedModule,
} from '@prodvor/platform';
import { teamConfigSchema } from './config/team.config';
import { DatabaseModule, userProfilesModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { InvitationsModule } from './invitations/invitations.module';
import { JoinRequestsModule } from './join-requests/join-requests.module';
import { DeletedUserService } from './members/deleted-user.service';
import { MembersModule } from './members/members.module';
import { REMINDER_EXCHANGE, REMINDER_QUEUE } from './schedule/reminders/reminder.job';
import { ScheduleModule } from './schedule/schedule.module';
import { TeamPageProfilesListener } from './teams/team-page-profiles.listener';
import { TeamsModule } from './teams/teams.module';

@Module({})
export class AppModule {
  /** `env` defaults to `process.env`; tests pass their own. */
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    const config = loadConfig(teamConfigSchema, env);
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ schema: teamConfigSchema, env }),
        PlatformCacheModule.fromConfig({ ttlMs: config.TEAM_PAGE_CACHE_TTL_MS }),
        KafkaModule.fromConfig(),
        OutboxModule.fromConfig(),
        // The notifications exchange (user-service owns its queue), and team-service's own reminder
        // queue (fed by its delay queues, see schedule/reminders).
        RabbitMqModule.fromConfig({
          exchanges: [Exchanges.notifications, REMINDER_EXCHANGE],
          queues: [queueTopology(REMINDER_QUEUE)],
        }),
        JobOutboxModule.fromConfig(),
        DatabaseModule,
        // Names and avatars next to user ids in every response that lists people.
        userProfilesModule({ listener: TeamPageProfilesListener, imports: [TeamsModule] }),
        EventsModule,
        TeamsModule,
        MembersModule,
        InvitationsModule,
        JoinRequestsModule,
        ScheduleModule,
        UserDeletedModule.forService({
          service: 'team',
          handler: DeletedUserService,
          imports: [MembersModule, TeamsModule],
        }),
      ],
    };
  }
}
