import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Exchanges,
  RoutingKeys,
  type NotificationDeliver,
} from '@prodvor/contracts';
import { Clock, IdGenerator, RabbitMqService } from '@prodvor/platform';
import { CHAT_SERVICE } from '../messages/chat-messages.publisher';

export type ChatNotification = Omit<NotificationDeliver, 'notificationId' | 'createdAt'>;

/**
 * `notification.deliver` jobs for the `notifications` exchange, published straight to the broker (the
 * offline notifier's batches live in Redis, not in a transaction): the returned promise resolves on the
 * broker's confirm and rejects when the job was not taken, so the caller keeps what was not sent.
 */
@Injectable()
export class ChatNotificationsPublisher {
  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async deliver(notification: ChatNotification, correlationId: string): Promise<void> {
    const now = this.clock.now();
    const envelope = createEnvelope({
      type: 'notification.deliver',
      producer: CHAT_SERVICE,
      subject: notification.userId,
      correlationId,
      now,
      data: { ...notification, notificationId: this.ids.id(), createdAt: now.toISOString() },
    });
    envelopeSchemaFor('notification.deliver').parse(envelope);
    await this.rabbit.jobs.publish(Exchanges.notifications, RoutingKeys.notificationDeliver, envelope);
  }
}
