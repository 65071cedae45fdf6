import { Module, type DynamicModule } from '@nestjs/common';
import {
  JobOutboxModule,
  KafkaModule,
  loadConfig,
  OutboxModule,
  PlatformCacheModule,
  RabbitMqModule,
  ServiceCoreModule,
} from '@prodvor/platform';
import { userConfigSchema } from './config/user.config';
import { DatabaseModule } from './database/database.module';
import { DevicesModule } from './devices/devices.module';
import { HomeModule } from './home/home.module';
import { KeycloakModule } from './keycloak/keycloak.module';
import { MediaModule } from './media/media.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProfilesModule } from './profiles/profiles.module';
import { RegistrationModule } from './registration/registration.module';
import { RolesModule } from './roles/roles.module';
import { rabbitTopology } from './events/rabbit-topology';

@Module({})
export class AppModule {
  /** `env` defaults to `process.env`; tests pass their own. */
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    const config = loadConfig(userConfigSchema, env);
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ schema: userConfigSchema, env }),
        PlatformCacheModule.fromConfig({ ttlMs: config.PROFILE_CACHE_TTL_MS }),
        KafkaModule.fromConfig(),
        OutboxModule.fromConfig(),
        RabbitMqModule.fromConfig(rabbitTopology(config.NOTIFICATION_RETRY_DELAY_MS)),
        JobOutboxModule.fromConfig(),
        DatabaseModule,
        KeycloakModule,
        ProfilesModule,
        RegistrationModule,
        RolesModule,
        NotificationsModule,
        DevicesModule,
        MediaModule,
        HomeModule,
      ],
    };
  }
}
