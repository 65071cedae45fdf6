import { Global, Inject, Injectable, Module, type BeforeApplicationShutdown, type DynamicModule } from '@nestjs/common';
import { AppConfig } from '../config/config.module';
import type { BaseConfig } from '../config/config.schema';
import { KafkaService } from '../kafka/kafka.module';
import { RabbitMqService } from '../rabbitmq/rabbitmq.module';
import { JobOutboxDispatcher } from './job-outbox';
import { OutboxRelay } from './outbox-relay';
import { EventPublisher } from './event-publisher';

const RELAY_OPTIONS = Symbol('RELAY_OPTIONS');

/**
 * Runs the outbox relay of the service's database for the application's lifetime. It stops in the
 * middle shutdown phase: after the consumers (whose handlers write to the outbox), before the
 * producer and the database close.
 */
@Injectable()
export class OutboxRelayService implements BeforeApplicationShutdown {
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

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/** Publishes the service's queued RabbitMQ jobs (`appendJobsToOutbox`) for the application's lifetime. */
@Injectable()
export class JobOutboxService implements BeforeApplicationShutdown {
  readonly dispatcher: JobOutboxDispatcher;

  constructor(@Inject(RELAY_OPTIONS) options: { databaseUrl: string }, rabbit: RabbitMqService) {
    this.dispatcher = new JobOutboxDispatcher({
      databaseUrl: options.databaseUrl,
      publish: (exchange, routingKey, envelope) => rabbit.jobs.publish(exchange, routingKey, envelope),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dispatcher.start();
  }

  flush(): Promise<void> {
    return this.dispatcher.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}

const relayOptions = (owner: string) => ({
  provide: RELAY_OPTIONS,
  inject: [AppConfig],
  useFactory: (config: AppConfig<BaseConfig>) => {
    const databaseUrl = config.get('DATABASE_URL');
    if (!databaseUrl) throw new Error(`Invalid configuration: DATABASE_URL: required by ${owner}`);
    return { databaseUrl };
  },
});

/** The event outbox: `EventPublisher` writes, the relay publishes. Needs `KafkaModule`; reads `DATABASE_URL`. */
@Global()
@Module({})
export class OutboxModule {
  static fromConfig(): DynamicModule {
    return {
      module: OutboxModule,
      providers: [relayOptions('OutboxModule'), OutboxRelayService, EventPublisher],
      exports: [OutboxRelayService, EventPublisher],
    };
  }
}

/** Needs `RabbitMqModule`; reads `DATABASE_URL`; the service's schema needs `OutboxJob` (outbox.prisma.txt). */
@Global()
@Module({})
export class JobOutboxModule {
  static fromConfig(): DynamicModule {
    return {
      module: JobOutboxModule,
      providers: [relayOptions('JobOutboxModule'), JobOutboxService],
      exports: [JobOutboxService],
    };
  }
}
