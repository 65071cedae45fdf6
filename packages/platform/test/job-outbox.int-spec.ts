import { createEnvelope, eventEnvelopeSchema, type EventEnvelope } from '@prodvor/contracts';
import { createEmptyDatabase, createTestVhost, type TestDatabase, type TestVhost } from '@prodvor/testing';
import { Pool } from 'pg';
import { z } from 'zod';
import { MetricsService } from '../src/metrics/metrics.service';
import { appendJobsToOutbox, JobOutboxDispatcher, OUTBOX_INBOX_DDL, pgExecutor } from '../src/outbox';
import { createAmqpConnection, RabbitJobs } from '../src/rabbitmq';

const job = (n: number) =>
  createEnvelope({ type: 'test.job', producer: 'test', subject: `s${n}`, correlationId: 'c', data: { n } });
const schema = eventEnvelopeSchema('test.job', z.object({ n: z.number().int() }).strict());

describe('job outbox: RabbitMQ jobs published if and only if their transaction commits', () => {
  let db: TestDatabase;
  let pool: Pool;
  let vhost: TestVhost;
  let jobs: RabbitJobs;
  const received: number[] = [];
  const dispatchers: JobOutboxDispatcher[] = [];

  beforeAll(async () => {
    db = await createEmptyDatabase('joboutbox');
    pool = new Pool({ connectionString: db.url });
    pool.on('error', () => undefined);
    await pool.query(OUTBOX_INBOX_DDL);
    vhost = await createTestVhost('joboutbox');
    jobs = new RabbitJobs(createAmqpConnection({ url: vhost.url, prefetch: 10 }), new MetricsService());
    await jobs.connection.init();
    await jobs.declare(['work'], [{ queue: 'svc.work', exchange: 'work', routingKeys: ['job.run'] }]);
    await jobs.subscribe({
      queue: 'svc.work',
      schema,
      maxAttempts: 1,
      handle: async (message) => {
        received.push(message.data.n);
      },
    });
  });
  afterEach(async () => {
    await Promise.allSettled(dispatchers.splice(0).map((d) => d.stop()));
  });
  afterAll(async () => {
    await jobs?.close();
    await vhost?.drop();
    await pool?.end();
    await db?.drop();
  });

  function dispatcher(publish = (e: string, k: string, env: EventEnvelope) => jobs.publish(e, k, env)) {
    const d = new JobOutboxDispatcher({ databaseUrl: db.url, publish, pollIntervalMs: 100, batchSize: 3 });
    dispatchers.push(d);
    return d;
  }

  async function write(ns: number[], commit: boolean): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await appendJobsToOutbox(
        pgExecutor(client),
        ...ns.map((n) => ({ exchange: 'work', routingKey: 'job.run', envelope: job(n) })),
      );
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    } finally {
      client.release();
    }
  }

  const pending = async () => Number((await pool.query('SELECT count(*) FROM outbox_jobs')).rows[0].count);

  it('publishes committed jobs once each (two dispatchers racing), never rolled-back ones, and empties the table', async () => {
    const [a, b] = [dispatcher(), dispatcher()];
    await Promise.all([a.start(), b.start()]);
    await write([1, 2, 3, 4, 5, 6, 7], true);
    await write([100], false);
    await Promise.all([a.flush(), b.flush()]);
    await vi.waitFor(() => expect([...received].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7]), {
      timeout: 10_000,
    });
    expect(await pending()).toBe(0);
  });

  it('keeps jobs through a broker outage and publishes them when it is back', async () => {
    let brokerDown = true;
    const d = dispatcher(async (e, k, env) => {
      if (brokerDown) throw new Error('broker unreachable');
      await jobs.publish(e, k, env);
    });
    await d.start();
    await write([201, 202], true);
    await d.flush();
    expect(await pending()).toBe(2);
    brokerDown = false;
    await vi.waitFor(async () => expect(await pending()).toBe(0), { timeout: 10_000 });
    await vi.waitFor(() => expect(received).toEqual(expect.arrayContaining([201, 202])), { timeout: 10_000 });
  });
});
