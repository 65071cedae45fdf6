import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { eventually, startTestKafka, type TestKafka } from '@prodvor/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createServiceApp } from '../src/http';
import { KafkaConsumerRunner, KafkaNames, KafkaProducer } from '../src/kafka';
import { withCorrelationId } from '../src/logging';
import { MetricsService } from '../src/metrics/metrics.service';
import { CapturedLogs } from './support/captured-logs';
import { sampleAppModule } from './support/http-sample-app';

const messageSchema = z.object({ n: z.number() });

/** A correlation id follows work out of HTTP: lines logged by a message handler carry the message's id. */
describe('log lines of message handlers', { timeout: 120_000 }, () => {
  const logs = new CapturedLogs();
  // The app's logger, which Nest's `Logger` instances write through in a service process.
  let handlerLog: PinoNestLogger;
  let app: NestFastifyApplication;
  let testKafka: TestKafka;
  let producer: KafkaProducer;
  let runner: KafkaConsumerRunner<typeof messageSchema> | undefined;

  beforeAll(async () => {
    app = await createServiceApp(sampleAppModule({ destination: logs }).module as never, { serviceName: 'sample' });
    await app.init();
    handlerLog = app.get(PinoNestLogger);
    testKafka = await startTestKafka();
  });
  afterAll(async () => {
    await runner?.stop();
    await producer?.disconnect();
    await testKafka?.stop();
    await app?.close();
  });

  it('carry the correlation id given to withCorrelationId, and none outside it', async () => {
    await withCorrelationId('corr-unit-1', async () => handlerLog.log('inside'));
    handlerLog.log('outside');
    expect(logs.lines.find((l) => l.message === 'inside')).toMatchObject({ correlationId: 'corr-unit-1' });
    expect(logs.lines.find((l) => l.message === 'outside')?.correlationId).toBeUndefined();
  });

  it("carry the Kafka message's correlation-id header in the consumer's handler", async () => {
    const names = new KafkaNames(testKafka.prefix);
    const kafka = new Kafka({ brokers: testKafka.brokers, logLevel: logLevel.NOTHING, clientId: 'log-context' });
    const metrics = new MetricsService();
    producer = new KafkaProducer(kafka, metrics, names);
    const topic = `logctx.${randomUUID()}`;
    await testKafka.createTopics([topic, `${topic}.dlq`]);
    const handled: number[] = [];
    const consumer = new KafkaConsumerRunner(
      kafka,
      producer,
      {
        groupId: `g-${randomUUID()}`,
        topics: [topic],
        schema: messageSchema,
        handle: async ({ value }) => {
          handlerLog.log(`handled ${value.n}`);
          handled.push(value.n);
        },
      },
      metrics,
      names,
    );
    runner = consumer;
    await consumer.start();
    await producer.publish(topic, [
      { key: 'k', value: JSON.stringify({ n: 1 }), headers: { 'correlation-id': 'corr-kafka-1' } },
      { key: 'k', value: JSON.stringify({ n: 2 }), headers: { 'correlation-id': 'corr-kafka-2' } },
    ]);
    await eventually(async () => handled.length === 2);
    expect(logs.lines.find((l) => l.message === 'handled 1')).toMatchObject({ correlationId: 'corr-kafka-1' });
    expect(logs.lines.find((l) => l.message === 'handled 2')).toMatchObject({ correlationId: 'corr-kafka-2' });
  });
});
