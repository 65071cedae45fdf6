import { Global, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createEnvelope, eventEnvelopeSchema } from '@prodvor/contracts';
import { createTestVhost, eventually, startTestKafka, type TestKafka, type TestVhost } from '@prodvor/testing';
import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import { AppConfig } from '../src/config/config.module';
import { KafkaModule, KafkaService } from '../src/kafka';
import { RabbitMqModule, RabbitMqService } from '../src/rabbitmq';

/** Stands for PrismaService: a client that refuses work once the application closed it. */
@Injectable()
class FakeDatabase implements OnApplicationShutdown {
  closed = false;
  async query(what: string): Promise<string> {
    if (this.closed) throw new Error(`database closed before ${what} finished`);
    return what;
  }
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
  }
}

/** A handler in flight at shutdown: it starts, waits for the test to let it go, then uses the database. */
class Gate {
  started = false;
  finished: string[] = [];
  failures: string[] = [];
  private release!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  open(): void {
    this.release();
  }
  async handle(database: FakeDatabase, what: string): Promise<void> {
    this.started = true;
    await this.opened;
    await database.query(what).then(
      (done) => this.finished.push(done),
      (error: Error) => this.failures.push(error.message),
    );
  }
}

const jobSchema = eventEnvelopeSchema('test.job', z.object({ n: z.number().int() }).strict());
const exchange = 'shutdown-phases';

describe('shutdown phases: consumers finish while the database is still open', { timeout: 90_000 }, () => {
  let kafka: TestKafka;
  let vhost: TestVhost;

  beforeAll(async () => {
    [kafka, vhost] = await Promise.all([startTestKafka(), createTestVhost('shutdown')]);
  });
  afterAll(async () => {
    await Promise.allSettled([kafka.stop(), vhost.drop()]);
  });

  // Nest runs one phase's hooks module by module in import order, so both orders are tried.
  it.each(['database module first', 'database module last'])(
    'a Kafka and a RabbitMQ handler in flight at app.close() both complete before the clients close (%s)',
    async (order) => {
      // Each case on a topic and a queue of its own, so the second does not see the first one's messages.
      const topic = `shutdown.${uuidv4()}`;
      const queue = `shutdown-phases.${uuidv4()}`;
      await kafka.createTopics([topic]);
      const kafkaGate = new Gate();
      const rabbitGate = new Gate();

      @Global()
      @Module({
        providers: [
          FakeDatabase,
          { provide: AppConfig, useValue: { get: (key: string) => (key === 'RABBITMQ_URL' ? vhost.url : undefined) } },
        ],
        exports: [FakeDatabase, AppConfig],
      })
      class InfrastructureModule {}

      @Injectable()
      class Consumers implements OnModuleInit {
        constructor(
          private readonly kafkaService: KafkaService,
          private readonly rabbit: RabbitMqService,
          private readonly database: FakeDatabase,
        ) {}
        async onModuleInit(): Promise<void> {
          await this.kafkaService.createConsumer({
            groupId: `shutdown-${uuidv4()}`,
            topics: [topic],
            schema: z.object({ n: z.number() }),
            sessionTimeoutMs: 6_000,
            heartbeatIntervalMs: 500,
            handle: () => kafkaGate.handle(this.database, 'kafka handler'),
          });
          await this.rabbit.jobs.subscribe({
            queue,
            schema: jobSchema,
            handle: () => rabbitGate.handle(this.database, 'rabbit handler'),
          });
        }
      }

      const messaging = [
        KafkaModule.forRoot({ clientId: 'shutdown-test', brokers: kafka.brokers, prefix: kafka.prefix }),
        RabbitMqModule.fromConfig({ exchanges: [exchange], queues: [{ queue, exchange, routingKeys: ['job.run'] }] }),
      ];
      @Module({
        imports:
          order === 'database module first'
            ? [InfrastructureModule, ...messaging]
            : [...messaging, InfrastructureModule],
        providers: [Consumers],
      })
      class AppModule {}

      const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
      const database = app.get(FakeDatabase);
      const rabbit = app.get(RabbitMqService);

      await kafka.send(topic, [{ key: 'k', value: JSON.stringify({ n: 1 }) }]);
      await rabbit.jobs.publish(
        exchange,
        'job.run',
        createEnvelope({ type: 'test.job', producer: 'test', subject: 's', correlationId: 'c', data: { n: 1 } }),
      );
      await eventually(async () => kafkaGate.started && rabbitGate.started, 60_000);

      const closing = app.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      kafkaGate.open();
      rabbitGate.open();
      await closing;

      expect(database.closed).toBe(true);
      expect(kafkaGate.failures).toEqual([]);
      expect(rabbitGate.failures).toEqual([]);
      expect(kafkaGate.finished).toEqual(['kafka handler']);
      expect(rabbitGate.finished).toEqual(['rabbit handler']);
    },
  );
});
