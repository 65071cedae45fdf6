import { createEnvelope } from '@prodvor/contracts';
import { createEmptyDatabase, startTestKafka, type TestKafka, type TestDatabase } from '@prodvor/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { v4 as uuidv4 } from 'uuid';
import type { TopicMessages } from '../src/kafka';
import { KafkaNames, KafkaProducer } from '../src/kafka';
import { appendToOutbox, claimInbox, OUTBOX_INBOX_DDL, OutboxRelay, pgExecutor } from '../src/outbox';

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const envelope = (subject: string, n: number) =>
  createEnvelope({ type: 'test.happened', producer: 'test', subject, correlationId: `c-${n}`, data: { n } });

describe('outbox and inbox against PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const relays: OutboxRelay[] = [];
  const track = (relay: OutboxRelay) => (relays.push(relay), relay);
  afterEach(async () => {
    await Promise.allSettled(relays.splice(0).map((r) => r.stop()));
  });

  beforeAll(async () => {
    db = await createEmptyDatabase('outbox');
    pool = new Pool({ connectionString: db.url });
    pool.on('error', () => undefined);
    await pool.query(OUTBOX_INBOX_DDL);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  async function writeInTransaction(
    topic: string,
    entries: { key: string; n: number }[],
    commit = true,
  ): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await appendToOutbox(
        pgExecutor(client),
        ...entries.map((e) => ({ topic, key: e.key, envelope: envelope(e.key, e.n) })),
      );
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    } finally {
      client.release();
    }
  }

  it('publishes only committed rows, in order per key, and marks them published', async () => {
    const topic = `t.${uuidv4()}`;
    const published: TopicMessages[] = [];
    const relay = track(
      new OutboxRelay({ databaseUrl: db.url, producer: { publishBatch: async (b) => void published.push(...b) } }),
    );
    await writeInTransaction(topic, [{ key: 'rolled-back', n: 0 }], false);
    await writeInTransaction(
      topic,
      [1, 2, 3].map((n) => ({ key: n % 2 ? 'a' : 'b', n })),
    );
    await relay.start();
    await waitFor(() => published.flatMap((b) => b.messages).length === 3);
    const values = published.flatMap((b) =>
      b.messages.map((m) => JSON.parse(m.value as string) as { data: { n: number } }),
    );
    expect(values.map((v) => v.data.n)).toEqual([1, 2, 3]);
    await waitFor(
      async () =>
        (await pool.query(`SELECT 1 FROM outbox_events WHERE topic = $1 AND published_at IS NULL`, [topic]))
          .rowCount === 0,
    );
    await relay.stop();
  });

  it('is woken by NOTIFY on commit rather than waiting for the poll', async () => {
    const topic = `t.${uuidv4()}`;
    const published: TopicMessages[] = [];
    const relay = track(
      new OutboxRelay({
        databaseUrl: db.url,
        pollIntervalMs: 60_000,
        producer: { publishBatch: async (b) => void published.push(...b) },
      }),
    );
    await relay.start();
    await relay.flush();
    await writeInTransaction(topic, [{ key: 'k', n: 1 }]);
    await waitFor(() => published.some((b) => b.topic === topic), 5_000);
    await relay.stop();
  });

  it('publishes rows committed while no relay ran (crash between commit and publish)', async () => {
    const topic = `t.${uuidv4()}`;
    await writeInTransaction(topic, [{ key: 'k', n: 1 }]);
    const failing = track(
      new OutboxRelay({
        databaseUrl: db.url,
        producer: {
          publishBatch: async () => {
            throw new Error('broker down');
          },
        },
      }),
    );
    await failing.start();
    await failing.flush();
    await failing.stop();
    const published: TopicMessages[] = [];
    const relay = track(
      new OutboxRelay({ databaseUrl: db.url, producer: { publishBatch: async (b) => void published.push(...b) } }),
    );
    await relay.start();
    await waitFor(() => published.some((b) => b.topic === topic));
    await relay.stop();
  });

  it('runs one active relay per database; a stand-by takes over when the leader stops', async () => {
    const topic = `t.${uuidv4()}`;
    const byRelay: Record<string, number> = { first: 0, second: 0 };
    const make = (name: string) =>
      track(
        new OutboxRelay({
          databaseUrl: db.url,
          pollIntervalMs: 100,
          producer: { publishBatch: async (b) => void (byRelay[name] += b.filter((x) => x.topic === topic).length) },
        }),
      );
    const first = make('first');
    const second = make('second');
    await first.start();
    await first.flush();
    await second.start();
    await writeInTransaction(topic, [{ key: 'k', n: 1 }]);
    await waitFor(() => byRelay.first === 1);
    await first.stop();
    await writeInTransaction(topic, [{ key: 'k', n: 2 }]);
    await waitFor(() => byRelay.second === 1);
    expect(byRelay).toEqual({ first: 1, second: 1 });
    await second.stop();
  });

  it('claims an event once per consumer, inside the caller transaction', async () => {
    const eventId = envelope('k', 1).id;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      expect(await claimInbox(pgExecutor(client), 'team.user-deleted', eventId)).toBe(true);
      await client.query('ROLLBACK');
      expect(await claimInbox(pgExecutor(client), 'team.user-deleted', eventId)).toBe(true);
      expect(await claimInbox(pgExecutor(client), 'team.user-deleted', eventId)).toBe(false);
      expect(await claimInbox(pgExecutor(client), 'chat.user-deleted', eventId)).toBe(true);
    } finally {
      client.release();
    }
  });
});

describe('outbox relay to Kafka with an idempotent consumer', () => {
  let testKafka: TestKafka;
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    testKafka = await startTestKafka();
    db = await createEmptyDatabase('outbox_kafka');
    pool = new Pool({ connectionString: db.url });
    pool.on('error', () => undefined);
    await pool.query(OUTBOX_INBOX_DDL);
    await pool.query('CREATE TABLE side_effects (event_id uuid NOT NULL, n int NOT NULL)');
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
    await testKafka.stop();
  });

  it(
    'a re-published event (crash after publish, before marking) has no duplicate side effect',
    { timeout: 120_000 },
    async () => {
      const kafka = new Kafka({ brokers: testKafka.brokers, logLevel: logLevel.NOTHING });
      const producer = new KafkaProducer(kafka, undefined, new KafkaNames(testKafka.prefix));
      const topic = `t.${uuidv4()}`;
      await testKafka.createTopics([topic]);
      const client = await pool.connect();
      await client.query('BEGIN');
      await appendToOutbox(pgExecutor(client), { topic, key: 'k', envelope: envelope('k', 7) });
      await client.query('COMMIT');
      client.release();
      // The relay's first attempt publishes, then "crashes" before marking: the mark is rolled back
      // and the next attempt publishes the same event again.
      let crashed = false;
      const relay = new OutboxRelay({
        databaseUrl: db.url,
        producer: {
          publishBatch: async (batches) => {
            await producer.publishBatch(batches);
            if (!crashed) {
              crashed = true;
              throw new Error('crash before mark');
            }
          },
        },
      });
      await relay.start();
      await relay.flush();
      await relay.flush();
      expect(crashed).toBe(true);

      const consumer = kafka.consumer({ groupId: `g-${uuidv4()}`, maxWaitTimeInMs: 100 });
      let deliveries = 0;
      await consumer.connect();
      await consumer.subscribe({ topic: testKafka.topic(topic), fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          deliveries++;
          const event = JSON.parse(message.value!.toString()) as { id: string; data: { n: number } };
          const tx = await pool.connect();
          try {
            await tx.query('BEGIN');
            if (await claimInbox(pgExecutor(tx), 'test.consumer', event.id))
              await tx.query('INSERT INTO side_effects VALUES ($1, $2)', [event.id, event.data.n]);
            await tx.query('COMMIT');
          } finally {
            tx.release();
          }
        },
      });
      await waitFor(() => deliveries === 2, 90_000).catch((e: Error) => {
        throw new Error(`${e.message}: ${deliveries} deliveries`);
      });
      const { rows } = await pool.query('SELECT n FROM side_effects');
      expect(rows).toEqual([{ n: 7 }]);
      await consumer.disconnect();
      await relay.stop();
      await producer.disconnect();
    },
  );
});
