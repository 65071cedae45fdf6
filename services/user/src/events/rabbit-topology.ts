import { Exchanges, Queues } from '@prodvor/contracts';
import { queueTopology, type RabbitMqModuleOptions } from '@prodvor/platform';

/** The queues user-service consumes (each with `.retry` and `.dlq`), bound as the contracts say. */
export function rabbitTopology(retryDelayMs: number): RabbitMqModuleOptions {
  return {
    exchanges: [Exchanges.notifications, Exchanges.media],
    queues: [Queues.userNotifications, Queues.userAccountEmails, Queues.userMediaResults].map((queue) =>
      queueTopology(queue, retryDelayMs),
    ),
  };
}
