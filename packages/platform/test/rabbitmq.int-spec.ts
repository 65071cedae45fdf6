import { createEnvelope, eventEnvelopeSchema } from '@prodvor/contracts';
import { createTestVhost, queueInfo, type TestVhost } from '@prodvor/testing';
import { z } from 'zod';
import { MetricsService } from '../src/metrics/metrics.service';
import { ATTEMPT_HEADER, createAmqpConnection, RabbitJobs, type QueueTopology } from '../src/rabbitmq';

const schema = eventEnvelopeSchema('test.job', z.object({ n: z.number().int() }).strict());
const job = (n: number) =>
  createEnvelope({ type: 'test.job', producer: 'test', subject: `s${n}`, correlationId: 'c', data: { n } });

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('RabbitMQ jobs against a real broker', () => {
  let vhost: TestVhost;
  const open: RabbitJobs[] = [];
  const topology: QueueTopology = { queue: 'svc.work', exchange: 'work', routingKeys: ['job.run'], retryDelayMs: 100 };

  async function connect(): Promise<RabbitJobs> {
    const jobs = new RabbitJobs(createAmqpConnection({ url: vhost.url, prefetch: 4 }), new MetricsService());
    await jobs.connection.init();
    await jobs.declare(['work'], [topology]);
    open.push(jobs);
    return jobs;
  }

  beforeEach(async () => {
    vhost = await createTestVhost('rabbit');
  });
  afterEach(async () => {
    await Promise.allSettled(open.splice(0).map((j) => j.close()));
    await vhost.drop();
  });

  it('retries a failing job a bounded number of times through the retry queue, then parks it on the DLQ', async () => {
    const jobs = await connect();
    const attempts: number[] = [];
    await jobs.subscribe({
      queue: topology.queue,
      schema,
      maxAttempts: 3,
      handle: async (_message, context) => {
        attempts.push(context.attempt);
        throw new Error('always fails');
      },
    });
    await jobs.publish('work', 'job.run', job(1));
    await waitFor(async () => (await queueInfo(vhost.name, 'svc.work.dlq')).messages === 1);
    expect(attempts).toEqual([1, 2, 3]);
    // Nothing keeps circulating once it is parked.
    await new Promise((r) => setTimeout(r, 500));
    expect(attempts).toEqual([1, 2, 3]);
    expect((await jobs.connection.channel.checkQueue('svc.work')).messageCount).toBe(0);
    expect((await jobs.connection.channel.checkQueue('svc.work.retry')).messageCount).toBe(0);
  });

  it('dead-letters a poison message (not JSON, wrong shape) at once without calling the handler', async () => {
    const jobs = await connect();
    let calls = 0;
    await jobs.subscribe({ queue: topology.queue, schema, maxAttempts: 5, handle: async () => void calls++ });
    await jobs.connection.publish('work', 'job.run', Buffer.from('{not json'), { persistent: true });
    await jobs.connection.publish('work', 'job.run', Buffer.from(JSON.stringify({ ...job(1), data: { n: 'x' } })), {
      persistent: true,
    });
    await waitFor(async () => (await queueInfo(vhost.name, 'svc.work.dlq')).messages === 2);
    expect(calls).toBe(0);
  });

  it('succeeds on a later attempt and carries the attempt number', async () => {
    const jobs = await connect();
    const attempts: number[] = [];
    await jobs.subscribe({
      queue: topology.queue,
      schema,
      maxAttempts: 5,
      handle: async (_message, { attempt }) => {
        attempts.push(attempt);
        if (attempt < 2) throw new Error('transient');
      },
    });
    await jobs.publish('work', 'job.run', job(1));
    await waitFor(() => attempts.length === 2);
    expect(attempts).toEqual([1, 2]);
    expect(ATTEMPT_HEADER).toBe('x-attempt');
  });

  it('keeps a confirmed, persistent job while no consumer runs and delivers it after a restart', async () => {
    const publisher = await connect();
    await publisher.publish('work', 'job.run', job(42));
    // Broker statistics lag a little behind; the confirm already happened.
    await waitFor(async () => (await queueInfo(vhost.name, 'svc.work')).messages === 1);
    await publisher.close();
    open.splice(0);

    const consumer = await connect();
    const received: number[] = [];
    await consumer.subscribe({ queue: topology.queue, schema, handle: async (m) => void received.push(m.data.n) });
    await waitFor(() => received.length === 1);
    expect(received).toEqual([42]);
  });

  it('declares the same topology twice without conflict (another instance, a reconnect)', async () => {
    await connect();
    const second = await connect();
    const retry = await second.connection.channel.checkQueue('svc.work.retry');
    expect(retry.consumerCount).toBe(0);
  });
});
