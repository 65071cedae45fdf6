import { Exchanges, QueueBindings, Queues } from '@prodvor/contracts';
import type { RabbitMqModuleOptions } from '@prodvor/platform';

/** The queues user-service consumes (each with `.retry` and `.dlq`), bound as the contracts say. */
export function rabbitTopology(retryDelayMs: number): RabbitMqModuleOptions {
  return {
    exchanges: [Exchanges.notifications, Exchanges.media],
    queues: [Queues.userNotifications, Queues.userAccountEmails, Queues.userMediaResults].map((queue) => ({
      queue,
      exchange: QueueBindings[queue].exchange,
      routingKeys: QueueBindings[queue].routingKeys,
      retryDelayMs,
    })),
  };
}
