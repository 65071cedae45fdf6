import type { EventEnvelope } from '@prodvor/contracts';
import type { SqlExecutor } from './sql-executor';

export const OUTBOX_CHANNEL = 'outbox_events';

export interface OutboxEntry {
  topic: string;
  /** Partition key; the relay keeps each key's events in the order they were written. */
  key: string;
  envelope: EventEnvelope;
  headers?: Record<string, string>;
}

/**
 * Records events in the caller's transaction, so they are published if and only if the change
 * commits. The NOTIFY is delivered on commit and wakes the relay at once.
 */
export async function appendToOutbox(tx: SqlExecutor, ...entries: OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const values: unknown[] = [];
  const rows = entries.map((entry, i) => {
    values.push(
      entry.envelope.id,
      entry.topic,
      entry.key,
      JSON.stringify(entry.envelope),
      JSON.stringify({
        'correlation-id': entry.envelope.correlationId,
        'event-type': entry.envelope.type,
        ...entry.headers,
      }),
    );
    const p = i * 5;
    return `($${p + 1}::uuid, $${p + 2}, $${p + 3}, $${p + 4}::jsonb, $${p + 5}::jsonb)`;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_events (id, topic, key, payload, headers) VALUES ${rows.join(', ')}`,
    ...values,
  );
  // Executed, not queried: Prisma cannot deserialize the `void` pg_notify returns.
  await tx.$executeRawUnsafe(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}

/**
 * Claims an event for a consumer inside the caller's transaction. Returns false when this consumer
 * already handled the event: the caller then skips its side effects, which share the transaction.
 */
export async function claimInbox(tx: SqlExecutor, consumer: string, eventId: string): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    'INSERT INTO inbox_events (consumer, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING',
    consumer,
    eventId,
  );
  return inserted === 1;
}
