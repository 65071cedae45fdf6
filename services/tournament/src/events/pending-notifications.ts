import { Injectable } from '@nestjs/common';
import type { NotificationDeliver } from '@prodvor/contracts';
import { Clock, IdGenerator } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';

export type TournamentNotification = Omit<NotificationDeliver, 'notificationId' | 'createdAt'>;

/**
 * Queues `notification.deliver` jobs in the caller's transaction: the change and its notifications
 * commit together, and {@link NotificationDispatcher} hands them to RabbitMQ afterwards.
 */
@Injectable()
export class PendingNotifications {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async add(tx: Tx, notifications: TournamentNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    const createdAt = this.clock.now().toISOString();
    await tx.pendingNotification.createMany({
      data: notifications.map((n) => {
        const id = this.ids.id();
        return { id, payload: { ...n, notificationId: id, createdAt } };
      }),
    });
  }
}
