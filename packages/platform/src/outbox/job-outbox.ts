import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@prodvor/contracts';
import { Pool } from 'pg';
import { DrainLoop } from './drain-loop';
import { ListenerSession, withPooledClient } from './pg-session';
import type { SqlExecutor } from './sql-executor';

export const JOB_OUTBOX_CHANNEL = 'outbox_jobs';

/** A RabbitMQ job (e.g. `notification.deliver`) to publish once the transaction that wrote it commits. */
export interface OutboxJob {
  exchange: string;
  routingKey: string;
  envelope: EventEnvelope;
}

/** Records jobs in the caller's transaction: they are published if and only if the change commits. */
export async function appendJobsToOutbox(tx: SqlExecutor, ...jobs: OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const values: unknown[] = [];
  const rows = jobs.map((job, i) => {
    values.push(job.envelope.id, job.exchange, job.routingKey, JSON.stringify(job.envelope));
    const p = i * 4;
    return `($${p + 1}::uuid, $${p + 2}, $${p + 3}, $${p + 4}::jsonb)`;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_jobs (id, exchange, routing_key, payload) VALUES ${rows.join(', ')}`,
    ...values,
  );
  await tx.$executeRawUnsafe(`SELECT pg_notify('${JOB_OUTBOX_CHANNEL}', '')`);
}

export interface JobOutboxDispatcherOptions {
  databaseUrl: string;
  /** Resolves on the broker's confirm (RabbitJobs.publish). */
  publish(exchange: string, routingKey: string, envelope: EventEnvelope): Promise<void>;
  batchSize?: number;
  /** Fallback poll, for a NOTIFY missed while reconnecting and for retries after a broker outage. */
  pollIntervalMs?: number;
}

/**
 * Publishes committed outbox jobs to RabbitMQ and deletes them in the same transaction. Several
 * instances may run: rows are claimed with SKIP LOCKED (jobs carry no ordering promise). At-least-once:
 * a crash between the confirm and the commit publishes a job again with the same envelope id, which
 * consumers deduplicate.
 */
export class JobOutboxDispatcher {
  private readonly logger = new Logger('JobOutbox');
  private readonly pool: Pool;
  private readonly loop: DrainLoop;
  private readonly listener: ListenerSession;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: JobOutboxDispatcherOptions) {
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'job outbox pool connection error'));
    this.loop = new DrainLoop(
      () => this.drain(),
      (error) => this.logger.warn({ err: error }, 'job outbox dispatch failed; will retry'),
    );
    this.listener = new ListenerSession({
      databaseUrl: options.databaseUrl,
      channel: JOB_OUTBOX_CHANNEL,
      onNotification: () => this.loop.wake(),
      logger: this.logger,
    });
  }

  async start(): Promise<void> {
    await this.listener.start();
    this.timer = setInterval(() => this.loop.wake(), this.options.pollIntervalMs ?? 1000);
    this.loop.wake();
  }

  /** Resolves when every job committed before the call has been published (tests and shutdown). */
  flush(): Promise<void> {
    return this.loop.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.loop.stop();
    await this.listener.stop();
    await this.pool.end();
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 100;
    while (!this.stopped && (await this.dispatchBatch(batchSize)) === batchSize) {
      // keep going while full batches come back
    }
  }

  private dispatchBatch(batchSize: number): Promise<number> {
    return withPooledClient(this.pool, async (client) => {
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{
          id: string;
          exchange: string;
          routing_key: string;
          payload: EventEnvelope;
        }>('SELECT id, exchange, routing_key, payload FROM outbox_jobs ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED', [
          batchSize,
        ]);
        for (const row of rows) await this.options.publish(row.exchange, row.routing_key, row.payload);
        if (rows.length > 0)
          await client.query('DELETE FROM outbox_jobs WHERE id = ANY($1::uuid[])', [rows.map((r) => r.id)]);
        await client.query('COMMIT');
        return rows.length;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }
}
