import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/config.module';
import type { BaseConfig } from '../config/config.schema';
import { KafkaService } from '../kafka/kafka.module';
import { OutboxRelay } from './outbox-relay';

const RELAY_OPTIONS = Symbol('RELAY_OPTIONS');

/** Runs the outbox relay of the service's database for the application's lifetime. */
@Injectable()
export class OutboxRelayService implements OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(@Inject(RELAY_OPTIONS) options: { databaseUrl: string }, kafka: KafkaService) {
    this.relay = new OutboxRelay({ databaseUrl: options.databaseUrl, producer: kafka.producer });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  flush(): Promise<void> {
    return this.relay.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/** Needs `KafkaModule`; reads `DATABASE_URL`. */
@Global()
@Module({})
export class OutboxModule {
  static fromConfig(): DynamicModule {
    return {
      module: OutboxModule,
      providers: [
        {
          provide: RELAY_OPTIONS,
          inject: [AppConfig],
          useFactory: (config: AppConfig<BaseConfig>) => {
            const databaseUrl = config.get('DATABASE_URL');
            if (!databaseUrl) throw new Error('Invalid configuration: DATABASE_URL: required by OutboxModule');
            return { databaseUrl };
          },
        },
        OutboxRelayService,
      ],
      exports: [OutboxRelayService],
    };
  }
}
