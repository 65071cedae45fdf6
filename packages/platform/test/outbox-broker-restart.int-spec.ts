import { createEnvelope } from '@prodvor/contracts';
import { createEmptyDatabase, startPrivateKafka, type PrivateTestKafka, type TestDatabase } from '@prodvor/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { v4 as uuidv4 } from 'uuid';
import { KafkaNames, KafkaProducer } from '../src/kafka';
import { appendToOutbox, OUTBOX_INBOX_DDL, OutboxRelay, pgExecutor } from '../src/outbox';

async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('outbox relay across a restart of the real broker', () => {
  let kafka: PrivateTestKafka;
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    [kafka, db] = await Promise.all([startPrivateKafka(), createEmptyDatabase('outbox_restart')]);
    pool = new Pool({ connectionString: db.url });
    pool.on('error', () => undefined);
    await pool.query(OUTBOX_INBOX_DDL);
  }, 90_000);
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    await kafka?.stop();
  });

  it('keeps the order per key and loses nothing while the broker goes away and comes back', async () => {
    const topic = `restart.${uuidv4()}`;
    await kafka.createTopics([topic]);
    const client = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = new KafkaProducer(client, undefined, new KafkaNames(kafka.prefix));
    const relay = new OutboxRelay({ databaseUrl: db.url, producer, pollIntervalMs: 200 });
    await relay.start();

    const keys = ['a', 'b', 'c', 'd', 'e'];
    let written = 0;
    const write = async (transactions: number) => {
      for (let t = 0; t < transactions; t++) {
        const tx = await pool.connect();
        try {
          await tx.query('BEGIN');
          const rows = Array.from({ length: 10 }, () => {
            const n = written++;
            const key = keys[n % keys.length];
            const envelope = createEnvelope({
              type: 'test.happened',
              producer: 'test',
              subject: key,
              correlationId: 'c',
              data: { n },
            });
            return { topic, key, envelope };
          });
          await appendToOutbox(pgExecutor(tx), ...rows);
          await tx.query('COMMIT');
        } finally {
          tx.release();
        }
      }
    };

    const received: { id: string; key: string; n: number }[] = [];
    const consumer = client.consumer({ groupId: kafka.group(`reader-${uuidv4()}`), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: kafka.topic(topic), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value!.toString()) as { id: string; subject: string; data: { n: number } };
        received.push({ id: event.id, key: event.subject, n: event.data.n });
      },
    });

    await write(10);
    await waitFor(() => received.length >= 50, 30_000, 'first rows relayed');
    const restarting = kafka.broker.restart();
    await write(10); // committed while the broker is away: the relay publishes them once it is back
    await restarting;
    await write(10);
    await waitFor(() => new Set(received.map((r) => r.id)).size >= written, 90_000, 'every row relayed');
    await consumer.disconnect();
    await relay.stop();
    await producer.disconnect();

    // At-least-once: a batch retried around the restart may arrive twice; the first copies keep the order.
    const firsts = received.filter((r, i) => received.findIndex((o) => o.id === r.id) === i);
    expect(firsts).toHaveLength(written);
    for (const key of keys) {
      const ns = firsts.filter((r) => r.key === key).map((r) => r.n);
      expect(ns).toEqual([...ns].sort((x, y) => x - y));
      expect(ns).toHaveLength(written / keys.length);
    }
  }, 180_000);
});
