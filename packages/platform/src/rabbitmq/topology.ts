import { QueueBindings, type Queue } from '@prodvor/contracts';
import type { Channel } from 'amqplib';

/** A work queue bound to a topic exchange, with its `.retry` and `.dlq` siblings. */
export interface QueueTopology {
  queue: string;
  exchange: string;
  routingKeys: string[];
  /** How long a failed message waits in `<queue>.retry` before it is handled again. */
  retryDelayMs?: number;
}

export const DEFAULT_RETRY_DELAY_MS = 5_000;

/** A queue of the contracts with the exchange and routing keys `QueueBindings` gives it. */
export function queueTopology(queue: Queue, retryDelayMs?: number): QueueTopology {
  const { exchange, routingKeys } = QueueBindings[queue];
  return { queue, exchange, routingKeys: [...routingKeys], ...(retryDelayMs !== undefined ? { retryDelayMs } : {}) };
}

/**
 * The arguments RabbitMQ compares on every declaration, so they live in one place and
 * `infra/rabbitmq/definitions.json` is checked against them:
 * - `<queue>`: a rejected (nacked, not requeued) message dead-letters to `<queue>.dlq`;
 * - `<queue>.retry`: holds a message for the retry delay, then dead-letters it back to `<queue>`;
 * - `<queue>.dlq`: parking, inspected and replayed by operators.
 */
export function queueArguments(queue: string): Record<string, unknown> {
  return { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': `${queue}.dlq` };
}

export function retryQueueArguments(queue: string, retryDelayMs = DEFAULT_RETRY_DELAY_MS): Record<string, unknown> {
  return { 'x-message-ttl': retryDelayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue };
}

/** Idempotent: declaring what exists with the same arguments is a no-op. */
export async function declareTopology(channel: Channel, exchanges: string[], queues: QueueTopology[]): Promise<void> {
  for (const exchange of exchanges) await channel.assertExchange(exchange, 'topic', { durable: true });
  for (const topology of queues) {
    const { queue } = topology;
    await channel.assertQueue(`${queue}.dlq`, { durable: true });
    await channel.assertQueue(`${queue}.retry`, {
      durable: true,
      arguments: retryQueueArguments(queue, topology.retryDelayMs),
    });
    await channel.assertQueue(queue, { durable: true, arguments: queueArguments(queue) });
    await channel.assertExchange(topology.exchange, 'topic', { durable: true });
    for (const key of topology.routingKeys) await channel.bindQueue(queue, topology.exchange, key);
  }
}
