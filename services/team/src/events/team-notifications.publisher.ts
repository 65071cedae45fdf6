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

export type TeamNotification = Omit<NotificationDeliver, 'notificationId' | 'createdAt'>;

/**
 * `notification.deliver` jobs for the `notifications` exchange, queued in the transaction of the change
 * that causes them (the platform job outbox): they go out if and only if the change commits, and a
 * broker outage delays them instead of losing them.
 */
@Injectable()
export class TeamNotificationsPublisher {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async queue(tx: Tx, notifications: TeamNotification[], correlationId: string): Promise<void> {
    const now = this.clock.now();
    const jobs = notifications.map((notification) => {
      const envelope = createEnvelope({
        type: 'notification.deliver',
        producer: 'team',
        subject: notification.userId,
        correlationId,
        now,
        data: { ...notification, notificationId: this.ids.id(), createdAt: now.toISOString() },
      });
      envelopeSchemaFor('notification.deliver').parse(envelope);
      return { exchange: Exchanges.notifications, routingKey: RoutingKeys.notificationDeliver, envelope };
    });
    await appendJobsToOutbox(tx, ...jobs);
  }
}
