import { createEnvelope, envelopeSchemaFor } from '@prodvor/contracts';
import { startTestKafka, type TestKafka } from '@prodvor/testing';
import { Kafka, logLevel } from 'kafkajs';
import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import { DLQ_HEADERS, KafkaConsumerRunner, KafkaNames, KafkaProducer } from '../src/kafka';
import { MetricsService } from '../src/metrics/metrics.service';

const schema = z.object({ key: z.string(), n: z.number().int() });
type Value = z.infer<typeof schema>;

// Generous: CI machines run many test files at once against the run's broker.
async function waitFor(predicate: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reads everything currently on a topic (its broker name) with a throw-away group. */
async function readTopic(kafka: Kafka, topic: string, expected: number) {
  const consumer = kafka.consumer({ groupId: `reader-${uuidv4()}`, maxWaitTimeInMs: 100 });
  const seen: { value: string; headers: Record<string, string> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      seen.push({ value: message.value!.toString(), headers });
    },
  });
  await waitFor(() => seen.length >= expected);
  await consumer.disconnect();
  return seen;
}

describe('Kafka glue against the real broker', { timeout: 120_000 }, () => {
  let testKafka: TestKafka;
  let names: KafkaNames;
  let kafka: Kafka;
  let producer: KafkaProducer;
  const metrics = new MetricsService();
  const runners: KafkaConsumerRunner<typeof schema>[] = [];

  beforeAll(async () => {
    testKafka = await startTestKafka();
    names = new KafkaNames(testKafka.prefix);
    kafka = new Kafka({ brokers: testKafka.brokers, logLevel: logLevel.NOTHING, clientId: 'test' });
    producer = new KafkaProducer(kafka, metrics, names);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await producer.disconnect();
    await testKafka.stop();
  });

  function consumer(
    topic: string,
    handle: (v: Value) => Promise<void>,
    extra: { maxAttempts?: number; group?: string; isRetriable?: (error: unknown) => boolean } = {},
  ) {
    const runner = new KafkaConsumerRunner(
      kafka,
      producer,
      {
        groupId: extra.group ?? `g-${uuidv4()}`,
        topics: [topic],
        schema,
        maxAttempts: extra.maxAttempts ?? 3,
        retryBackoffMs: 10,
        partitionsConsumedConcurrently: 4,
        sessionTimeoutMs: 6_000,
        heartbeatIntervalMs: 500,
        handle: ({ value }) => handle(value),
        ...(extra.isRetriable ? { isRetriable: extra.isRetriable, maxRetryBackoffMs: 50 } : {}),
      },
      metrics,
      names,
    );
    runners.push(runner);
    return runner;
  }

  it('keeps order per key across partitions in one batch publish', async () => {
    const topic = `order.${uuidv4()}`;
    await testKafka.createTopics([topic, `${topic}.dlq`]);
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const messages = Array.from({ length: 200 }, (_, i) => ({ key: keys[i % keys.length], n: i }));
    await producer.publish(
      topic,
      messages.map((m) => ({ key: m.key, value: JSON.stringify(m) })),
    );
    const seen = new Map<string, number[]>();
    await consumer(topic, async (v) => {
      seen.set(v.key, [...(seen.get(v.key) ?? []), v.n]);
    }).start();
    await waitFor(() => [...seen.values()].reduce((sum, list) => sum + list.length, 0) === messages.length);
    for (const key of keys) {
      const ns = seen.get(key)!;
      expect(ns).toEqual([...ns].sort((x, y) => x - y));
    }
    const lag = await metrics.consumerLag.get();
    expect(lag.values.filter((v) => v.labels.topic === topic).length).toBeGreaterThan(0);
  });

  it('retries a failing handler a bounded number of times, parks the message on <topic>.dlq and moves on', async () => {
    const topic = `dlq.${uuidv4()}`;
    await testKafka.createTopics([topic, `${topic}.dlq`]);
    const attempts = new Map<number, number>();
    const handled: number[] = [];
    await producer.publish(
      topic,
      [0, 1, 2].map((n) => ({ key: 'k', value: JSON.stringify({ key: 'k', n }) })),
    );
    await consumer(topic, async (v) => {
      attempts.set(v.n, (attempts.get(v.n) ?? 0) + 1);
      if (v.n === 1) throw new Error('cannot handle 1');
      handled.push(v.n);
    }).start();
    await waitFor(() => handled.length === 2);
    expect(handled).toEqual([0, 2]);
    expect(attempts.get(1)).toBe(3);
    const parked = await readTopic(kafka, testKafka.topic(`${topic}.dlq`), 1);
    expect(JSON.parse(parked[0].value)).toEqual({ key: 'k', n: 1 });
    expect(parked[0].headers[DLQ_HEADERS.error]).toBe('cannot handle 1');
    expect(parked[0].headers[DLQ_HEADERS.attempts]).toBe('3');
  });

  it('waits out a retriable failure beyond maxAttempts without dead-lettering or moving past the message', async () => {
    const topic = `transient.${uuidv4()}`;
    await testKafka.createTopics([topic, `${topic}.dlq`]);
    class DependencyDown extends Error {}
    let failuresLeft = 8;
    const handled: number[] = [];
    await producer.publish(
      topic,
      [0, 1, 2].map((n) => ({ key: 'k', value: JSON.stringify({ key: 'k', n }) })),
    );
    const runner = consumer(
      topic,
      async (v) => {
        if (v.n === 1 && failuresLeft-- > 0) throw new DependencyDown('database unavailable');
        handled.push(v.n);
      },
      { isRetriable: (error) => error instanceof DependencyDown },
    );
    await runner.start();
    await waitFor(() => handled.length === 3);
    // 8 failures against maxAttempts 3: the message was kept, and the partition waited for it.
    expect(handled).toEqual([0, 1, 2]);
    expect(failuresLeft).toBe(-1);
    const waiting = await metrics.registry.getSingleMetric('kafka_consumer_waiting')!.get();
    expect(waiting.values.find((v) => v.labels.topic === topic)?.value).toBe(0);
    const dlq = kafka.admin();
    await dlq.connect();
    const offsets = await dlq.fetchTopicOffsets(testKafka.topic(`${topic}.dlq`));
    await dlq.disconnect();
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(0);
  });

  it('leaves a message that is waiting out a retriable failure uncommitted when stopped, for the next member', async () => {
    const topic = `transient-stop.${uuidv4()}`;
    await testKafka.createTopics([topic, `${topic}.dlq`]);
    const group = `g-${uuidv4()}`;
    let down = true;
    let tried = 0;
    const handled: number[] = [];
    await producer.publish(topic, [{ key: 'k', value: JSON.stringify({ key: 'k', n: 7 }) }]);
    const handle = async (v: Value) => {
      tried++;
      if (down) throw new Error('database unavailable');
      handled.push(v.n);
    };
    const first = consumer(topic, handle, { group, isRetriable: () => true });
    await first.start();
    await waitFor(() => tried >= 2);
    const started = Date.now();
    await first.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    down = false;
    await consumer(topic, handle, { group, isRetriable: () => true }).start();
    await waitFor(() => handled.length === 1);
    expect(handled).toEqual([7]);
  });

  it('dead-letters a message that is not valid JSON or does not match the schema without calling the handler', async () => {
    const topic = `invalid.${uuidv4()}`;
    await testKafka.createTopics([topic, `${topic}.dlq`]);
    const handled: number[] = [];
    await producer.publish(topic, [
      { key: 'k', value: '{not json' },
      { key: 'k', value: JSON.stringify({ key: 'k', n: 'two' }) },
      { key: 'k', value: JSON.stringify({ key: 'k', n: 3 }) },
    ]);
    await consumer(topic, async (v) => {
      handled.push(v.n);
    }).start();
    await waitFor(() => handled.length === 1);
    expect(handled).toEqual([3]);
    const parked = await readTopic(kafka, testKafka.topic(`${topic}.dlq`), 2);
    expect(parked.map((p) => p.headers[DLQ_HEADERS.attempts])).toEqual(['0', '0']);
  });

  it('resumes after a consumer restart from the committed offset, losing nothing', async () => {
    const topic = `restart.${uuidv4()}`;
    await testKafka.createTopics([topic, `${topic}.dlq`]);
    const group = `g-${uuidv4()}`;
    const seen = new Set<number>();
    await producer.publish(
      topic,
      Array.from({ length: 50 }, (_, n) => ({ key: `k${n % 3}`, value: JSON.stringify({ key: 'k', n }) })),
    );
    const first = consumer(
      topic,
      async (v) => {
        seen.add(v.n);
      },
      { group },
    );
    await first.start();
    await waitFor(() => seen.size >= 10);
    await first.stop();
    await producer.publish(
      topic,
      Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 3}`, value: JSON.stringify({ key: 'k', n: 50 + i }) })),
    );
    await consumer(
      topic,
      async (v) => {
        seen.add(v.n);
      },
      { group },
    ).start();
    await waitFor(() => seen.size === 100);
    expect(seen.size).toBe(100);
  });

  it('publishes contract envelopes that consumers parse with the contract schema', async () => {
    const topic = `env.${uuidv4()}`;
    await testKafka.createTopics([topic, `${topic}.dlq`]);
    const envelope = createEnvelope({
      type: 'team.archived',
      producer: 'team',
      subject: 's',
      correlationId: 'c',
      data: { teamId: uuidv4() },
    });
    await producer.publish(topic, [{ key: envelope.subject, value: JSON.stringify(envelope) }]);
    const [raw] = await readTopic(kafka, testKafka.topic(topic), 1);
    expect(envelopeSchemaFor('team.archived').parse(JSON.parse(raw.value))).toEqual(envelope);
  });
});
