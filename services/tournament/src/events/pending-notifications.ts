import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Exchanges,
  RoutingKeys,
  type NotificationDeliver,
} from '@prodvor/contracts';
import { appendJobsToOutbox, Clock, IdGenerator } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';

export type TournamentNotification = Omit<NotificationDeliver, 'notificationId' | 'createdAt'>;

/**
 * Queues `notification.deliver` jobs in the caller's transaction (the platform job outbox): the change
 * and its notifications commit together, and the outbox dispatcher hands them to RabbitMQ afterwards.
 * The envelope id is the notification id, which user-service deduplicates on redelivery.
 */
@Injectable()
export class PendingNotifications {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async add(tx: Tx, notifications: TournamentNotification[]): Promise<void> {
    const now = this.clock.now();
    const jobs = notifications.map((notification) => {
      const id = this.ids.id();
      const envelope = createEnvelope({
        id,
        type: 'notification.deliver',
        producer: 'tournament',
        subject: notification.userId,
        correlationId: id,
        now,
        data: { ...notification, notificationId: id, createdAt: now.toISOString() },
      });
      envelopeSchemaFor('notification.deliver').parse(envelope);
      return { exchange: Exchanges.notifications, routingKey: RoutingKeys.notificationDeliver, envelope };
    });
    await appendJobsToOutbox(tx, ...jobs);
  }
}
