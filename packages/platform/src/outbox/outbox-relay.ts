import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import type { KafkaProducer, TopicMessages } from '../kafka/kafka-producer';
import { DrainLoop } from './drain-loop';
import { OUTBOX_CHANNEL } from './outbox';
import { ListenerSession, withPooledClient } from './pg-session';

export interface OutboxRelayOptions {
  databaseUrl: string;
  producer: Pick<KafkaProducer, 'publishBatch'>;
  batchSize?: number;
  /** Fallback poll, for a NOTIFY missed while reconnecting. */
  pollIntervalMs?: number;
  /** Published rows older than this are deleted. */
  retentionMs?: number;
  /** Names the advisory lock; one relay per database is active at a time. */
  lockKey?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  payload: unknown;
  headers: Record<string, string>;
}

/**
 * Publishes committed outbox rows to Kafka in batches, in id (UUIDv7, so commit-ish) order.
 * Exactly one relay per database publishes at a time (a session advisory lock), which keeps each
 * key's order; the others wait as stand-bys. At-least-once: a crash after publishing but before
 * marking re-publishes, and consumers deduplicate through their inbox.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly pool: Pool;
  /** LISTENs and holds the leader's session advisory lock; reconnects after a database restart. */
  private readonly listener: ListenerSession;
  private timer?: NodeJS.Timeout;
  private readonly loop: DrainLoop;
  private leader = false;
  private stopped = true;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'outbox pool connection error'));
    this.loop = new DrainLoop(
      () => this.drain(),
      (error) => this.logger.error({ err: error }, 'outbox relay failed; will retry'),
    );
    this.listener = new ListenerSession({
      databaseUrl: options.databaseUrl,
      channel: OUTBOX_CHANNEL,
      onNotification: () => this.wake(),
      // The lock died with the session: another relay may lead now, so this one must win it again.
      onLost: () => (this.leader = false),
      logger: this.logger,
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.listener.start();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 1000);
    this.wake();
  }

  /** Resolves when every row committed before the call has been published (used by tests and shutdown). */
  async flush(): Promise<void> {
    if (!this.stopped) await this.loop.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.loop.stop();
    await this.listener.stop();
    await this.pool.end();
  }

  private wake(): void {
    if (!this.stopped) this.loop.wake();
  }

  private async drain(): Promise<void> {
    if (!(await this.ensureLeader())) return;
    while (!this.stopped && (await this.publishBatch()) > 0) {
      // keep going while full batches come back
    }
    await this.cleanUp();
  }

  private async ensureLeader(): Promise<boolean> {
    const session = this.listener.client;
    if (!session) return false;
    if (this.leader) return true;
    const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      this.options.lockKey ?? 0x6f7574,
    ]);
    this.leader = rows[0].locked;
    return this.leader;
  }

  private publishBatch(): Promise<number> {
    return withPooledClient(this.pool, async (client) => {
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<OutboxRow>(
          `SELECT id, topic, key, payload, headers FROM outbox_events
         WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [this.options.batchSize ?? 500],
        );
        if (rows.length === 0) {
          await client.query('COMMIT');
          return 0;
        }
        const byTopic = new Map<string, TopicMessages>();
        for (const row of rows) {
          const batch = byTopic.get(row.topic) ?? { topic: row.topic, messages: [] };
          batch.messages.push({ key: row.key, value: JSON.stringify(row.payload), headers: row.headers });
          byTopic.set(row.topic, batch);
        }
        await this.options.producer.publishBatch([...byTopic.values()]);
        await client.query('UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::uuid[])', [
          rows.map((r) => r.id),
        ]);
        await client.query('COMMIT');
        return rows.length;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  private async cleanUp(): Promise<void> {
    const retentionMs = this.options.retentionMs ?? 7 * 24 * 3600 * 1000;
    await this.pool.query(
      `DELETE FROM outbox_events WHERE published_at < now() - ($1::bigint * interval '1 millisecond')`,
      [retentionMs],
    );
  }
}
