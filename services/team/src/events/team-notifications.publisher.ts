import { Injectable } from '@nestjs/common';
import { notificationJob, type NotificationRequest } from '@prodvor/contracts';
import { appendJobsToOutbox, Clock, IdGenerator } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';

export type TeamNotification = NotificationRequest;

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
    const jobs = notifications.map((notification) =>
      notificationJob(notification, { id: this.ids.id(), producer: 'team', correlationId, now }),
    );
    await appendJobsToOutbox(tx, ...jobs);
  }
}
