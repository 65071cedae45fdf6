import {
  Global,
  Inject,
  Injectable,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { AppConfig } from '../config/config.module';
import type { BaseConfig } from '../config/config.schema';
import { HealthRegistry } from '../health/health.registry';
import { MetricsService } from '../metrics/metrics.service';
import { createAmqpConnection, RabbitJobs } from './rabbit-jobs';
import type { QueueTopology } from './topology';

export interface RabbitMqModuleOptions {
  exchanges: string[];
  /** Queues this service consumes; publishers only need the exchanges. */
  queues?: QueueTopology[];
  prefetch?: number;
}

const RABBIT_OPTIONS = Symbol('RABBIT_OPTIONS');

/** The service's RabbitMQ connection and topology; inject `RabbitMqService` and use `.jobs`. */
@Injectable()
export class RabbitMqService implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  readonly jobs: RabbitJobs;

  constructor(
    @Inject(RABBIT_OPTIONS) private readonly options: RabbitMqModuleOptions & { url: string },
    @Optional() metrics?: MetricsService,
    @Optional() private readonly health?: HealthRegistry,
  ) {
    this.jobs = new RabbitJobs(createAmqpConnection({ url: options.url, prefetch: options.prefetch }), metrics);
  }

  async onModuleInit(): Promise<void> {
    await this.jobs.connection.init();
    await this.jobs.declare(this.options.exchanges, this.options.queues ?? []);
    this.health?.register('rabbitmq', async () => {
      if (!this.jobs.connection.connected) throw new Error('not connected');
    });
  }

  /** First shutdown phase: no new deliveries; the handlers in flight finish while the database is open. */
  async onModuleDestroy(): Promise<void> {
    await this.jobs.stopConsuming();
  }

  /** Last phase, after the job outbox published what it could through this connection. */
  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }
}

@Global()
@Module({})
export class RabbitMqModule {
  /** Connects to `RABBITMQ_URL`. */
  static fromConfig(options: RabbitMqModuleOptions): DynamicModule {
    return {
      module: RabbitMqModule,
      providers: [
        {
          provide: RABBIT_OPTIONS,
          inject: [AppConfig],
          useFactory: (config: AppConfig<BaseConfig>) => {
            const url = config.get('RABBITMQ_URL');
            if (!url) throw new Error('Invalid configuration: RABBITMQ_URL: required by RabbitMqModule');
            return { ...options, url };
          },
        },
        RabbitMqService,
      ],
      exports: [RabbitMqService],
    };
  }
}
