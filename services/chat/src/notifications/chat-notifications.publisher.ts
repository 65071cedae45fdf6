import { Injectable } from '@nestjs/common';
import { notificationJob, type NotificationRequest } from '@prodvor/contracts';
import { Clock, IdGenerator, RabbitMqService } from '@prodvor/platform';
import { CHAT_SERVICE } from '../messages/chat-messages.publisher';

export type ChatNotification = NotificationRequest;

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
    const job = notificationJob(notification, {
      id: this.ids.id(),
      producer: CHAT_SERVICE,
      correlationId,
      now: this.clock.now(),
    });
    await this.rabbit.jobs.publish(job.exchange, job.routingKey, job.envelope);
  }
}
