import { Exchanges, RoutingKeys, WebhookQueues } from '@prodvor/contracts';
import { backoffDelayMs } from './webhook-delivery.service';

export interface WebhookTopologySettings {
  maxAttempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  throttleDelayMs: number;
}

export interface QueueDeclaration {
  name: string;
  arguments: Record<string, unknown>;
}

export interface WebhookTopology {
  exchange: string;
  routingKey: string;
  work: QueueDeclaration;
  dlq: QueueDeclaration;
  /** The backoff queues (one per distinct wait) and the throttle queue: TTL, then back to the work queue. */
  waits: QueueDeclaration[];
}

/** A TTL queue that dead-letters back to the work queue: the wait between tries without a delay plugin. */
const waitQueue = (name: string, ttlMs: number): QueueDeclaration => ({
  name,
  arguments: {
    'x-message-ttl': ttlMs,
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': WebhookQueues.deliveries,
  },
});

/**
 * The queues of webhook deliveries for the given settings (infra/rabbitmq/definitions.json provisions the
 * defaults'): the work queue rejecting to `.dlq`, a backoff queue per distinct wait, the throttle queue.
 */
export function webhookTopology(s: WebhookTopologySettings): WebhookTopology {
  const delays = Array.from({ length: Math.max(0, s.maxAttempts - 1) }, (_, i) =>
    backoffDelayMs(i + 1, s.retryBaseDelayMs, s.retryMaxDelayMs),
  );
  return {
    exchange: Exchanges.webhooks,
    routingKey: RoutingKeys.webhookDeliver,
    work: {
      name: WebhookQueues.deliveries,
      arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': WebhookQueues.dlq },
    },
    dlq: { name: WebhookQueues.dlq, arguments: {} },
    waits: [
      ...[...new Set(delays)].map((ms) => waitQueue(WebhookQueues.backoff(ms), ms)),
      waitQueue(WebhookQueues.throttle(s.throttleDelayMs), s.throttleDelayMs),
    ],
  };
}
