import { Injectable } from '@nestjs/common';
import { notificationJob, type NotificationRequest } from '@prodvor/contracts';
import { appendJobsToOutbox, Clock, IdGenerator } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';

export type TournamentNotification = NotificationRequest;

/**
 * Queues `notification.deliver` jobs in the caller's transaction (the platform job outbox): the change
 * and its notifications commit together, and the outbox dispatcher hands them to RabbitMQ afterwards.
 * The envelope id is the notification id, which user-service deduplicates on redelivery.
 */
@Injectable()
export class TournamentNotificationsPublisher {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async queue(tx: Tx, notifications: TournamentNotification[]): Promise<void> {
    const now = this.clock.now();
    const jobs = notifications.map((notification) => {
      const id = this.ids.id();
      return notificationJob(notification, { id, producer: 'tournament', correlationId: id, now });
    });
    await appendJobsToOutbox(tx, ...jobs);
  }
}
