import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { ConsumedEvents, MessageEnvelope, MessageType } from '@prodvor/contracts';
import { Kafka, logLevel, type logCreator } from 'kafkajs';
import type { z } from 'zod';
import { AppConfig } from '../config/config.module';
import type { BaseConfig } from '../config/config.schema';
import { HealthRegistry } from '../health/health.registry';
import { MetricsService } from '../metrics/metrics.service';
import { claimInbox } from '../outbox/outbox';
import type { SqlExecutor } from '../outbox/sql-executor';
import { KafkaConsumerRunner, type ConsumerOptions } from './kafka-consumer';
import { KafkaNames } from './kafka-names';
import { KafkaProducer } from './kafka-producer';

export interface KafkaOptions {
  clientId: string;
  brokers: string[];
  /** Put before every topic and consumer group name (`KAFKA_PREFIX`); empty in production. */
  prefix?: string;
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

export interface InboxConsumerOptions<T extends MessageType, Tx extends SqlExecutor> extends Omit<
  ConsumerOptions<z.ZodTypeAny>,
  'schema' | 'handle'
> {
  /** The types consumed (`consumedEvents([...])`); other types on the topics are skipped. */
  events: ConsumedEvents<T>;
  /** The service's `TransactionRunner`. */
  transactions: { run<R>(work: (tx: Tx) => Promise<R>): Promise<R> };
  /** Runs in the transaction that claims the event id in the inbox: once per event for this group. */
  apply: (tx: Tx, event: MessageEnvelope<T>) => Promise<void>;
}

/** kafkajs logs through the service's logger (JSON, level from LOG_LEVEL) instead of the console. */
const kafkajsToServiceLog: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...context } = log;
    if (level === logLevel.ERROR) logger.error(context, message);
    else if (level === logLevel.WARN) logger.warn(context, message);
    else logger.debug(context, message);
  };
};

/**
 * The service's Kafka connection: a shared producer and the consumers it creates. Consumers start
 * with the application and stop (finishing the message in hand) in the first shutdown phase, while
 * the database and the brokers are still open; the producer disconnects in the last one, after the
 * outbox relay has published what it could (see `serveApp`).
 */
@Injectable()
export class KafkaService implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  readonly kafka: Kafka;
  readonly producer: KafkaProducer;
  /** For the rare code that drives kafkajs itself: the cluster's names of topics and groups. */
  readonly names: KafkaNames;
  private readonly consumers: KafkaConsumerRunner<z.ZodTypeAny>[] = [];
  private started = false;

  constructor(
    @Inject(KAFKA_OPTIONS) options: KafkaOptions,
    @Optional() private readonly metrics?: MetricsService,
    @Optional() private readonly health?: HealthRegistry,
  ) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkajsToServiceLog,
      retry: { retries: 8, initialRetryTime: 200 },
    });
    this.names = new KafkaNames(options.prefix);
    this.producer = new KafkaProducer(this.kafka, metrics, this.names);
  }

  /** Registers a consumer; it starts with the application (or at once if the app already started). */
  async createConsumer<S extends z.ZodTypeAny>(options: ConsumerOptions<S>): Promise<KafkaConsumerRunner<S>> {
    const runner = new KafkaConsumerRunner(this.kafka, this.producer, options, this.metrics, this.names);
    this.consumers.push(runner as unknown as KafkaConsumerRunner<z.ZodTypeAny>);
    if (this.started) await runner.start();
    return runner;
  }

  /** A consumer that applies each listed event to the service's database once (a read model, a projection). */
  async createInboxConsumer<T extends MessageType, Tx extends SqlExecutor>(
    options: InboxConsumerOptions<T, Tx>,
  ): Promise<void> {
    const { events, transactions, apply, ...consumer } = options;
    await this.createConsumer({
      ...consumer,
      schema: events.schema,
      handle: async ({ value }) => {
        const event = events.parse(value);
        if (!event) return;
        await transactions.run(async (tx) => {
          if (await claimInbox(tx, consumer.groupId, event.id)) await apply(tx, event);
        });
      },
    });
  }

  async onModuleInit(): Promise<void> {
    this.health?.register('kafka', async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        await admin.describeCluster();
      } finally {
        await admin.disconnect();
      }
    });
    await this.producer.connect();
  }

  /** Called by Nest after every module initialised: consumers start once handlers are wired. */
  async startConsumers(): Promise<void> {
    this.started = true;
    await Promise.all(this.consumers.filter((c) => !c.isRunning).map((c) => c.start()));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.startConsumers();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}

@Global()
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaOptions): DynamicModule {
    return {
      module: KafkaModule,
      providers: [{ provide: KAFKA_OPTIONS, useValue: options }, KafkaService],
      exports: [KafkaService],
    };
  }

  /** Brokers from `KAFKA_BROKERS`, names prefixed with `KAFKA_PREFIX`, client id from `SERVICE_NAME`. */
  static fromConfig(): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        {
          provide: KAFKA_OPTIONS,
          inject: [AppConfig],
          useFactory: (config: AppConfig<BaseConfig>): KafkaOptions => {
            const brokers = config.get('KAFKA_BROKERS');
            if (!brokers?.length) throw new Error('Invalid configuration: KAFKA_BROKERS: required by KafkaModule');
            return { clientId: config.get('SERVICE_NAME'), brokers, prefix: config.get('KAFKA_PREFIX') };
          },
        },
        KafkaService,
      ],
      exports: [KafkaService],
    };
  }
}
