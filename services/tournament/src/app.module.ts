import { Module, type DynamicModule } from '@nestjs/common';
import { Exchanges } from '@prodvor/contracts';
import {
  KafkaModule,
  loadConfig,
  JobOutboxModule,
  OutboxModule,
  PlatformCacheModule,
  RabbitMqModule,
  ServiceCoreModule,
  UserDeletedModule,
} from '@prodvor/platform';
import { CalendarModule } from './calendar/calendar.module';
import { CareersModule } from './careers/careers.module';
import { tournamentConfigSchema } from './config/tournament.config';
import { DatabaseModule, userProfilesModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { FixturesModule } from './fixtures/fixtures.module';
import { MatchEventsModule } from './match-events/match-events.module';
import { MatchesModule } from './matches/matches.module';
import { RatingsModule } from './ratings/ratings.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { StandingsModule } from './standings/standings.module';
import { TeamsViewModule } from './teams-view/teams-view.module';
import { TournamentsModule } from './tournaments/tournaments.module';
import { DeletedUserService } from './users/deleted-user.service';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  /** `env` defaults to `process.env`; tests pass their own. */
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    const config = loadConfig(tournamentConfigSchema, env);
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ schema: tournamentConfigSchema, env }),
        PlatformCacheModule.fromConfig({ ttlMs: config.TOURNAMENT_CACHE_TTL_MS }),
        KafkaModule.fromConfig(),
        OutboxModule.fromConfig(),
        // Notifications: publisher only (user-service owns the queue); webhooks declares its own queues.
        RabbitMqModule.fromConfig({ exchanges: [Exchanges.notifications, Exchanges.webhooks] }),
        JobOutboxModule.fromConfig(),
        DatabaseModule,
        EventsModule,
        TeamsViewModule,
        // Names and avatars of players on public pages.
        userProfilesModule(),
        TournamentsModule,
        MatchesModule,
        RegistrationsModule,
        FixturesModule,
        MatchEventsModule,
        StandingsModule,
        CalendarModule,
        CareersModule,
        RatingsModule,
        WebhooksModule,
        UserDeletedModule.forService({
          service: 'tournament',
          handler: DeletedUserService,
          imports: [MatchesModule, TeamsViewModule, TournamentsModule],
        }),
      ],
    };
  }
}
