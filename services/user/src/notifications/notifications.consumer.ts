import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { eventEnvelopeSchema, notificationDeliverData, Queues } from '@prodvor/contracts';
import { AppConfig, RabbitMqService } from '@prodvor/platform';
import type { UserConfig } from '../config/user.config';
import { NotificationDeliveryService } from './notification-delivery.service';

const notificationDeliverEnvelope = eventEnvelopeSchema('notification.deliver', notificationDeliverData);

/**
 * Consumes `user.notifications`. A job that does not match the contract is dead-lettered at once;
 * one whose delivery keeps failing is parked on `user.notifications.dlq` after the bounded attempts.
 */
@Injectable()
export class NotificationsConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly delivery: NotificationDeliveryService,
    private readonly config: AppConfig<UserConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rabbit.jobs.subscribe({
      queue: Queues.userNotifications,
      schema: notificationDeliverEnvelope,
      maxAttempts: this.config.get('NOTIFICATION_MAX_ATTEMPTS'),
      handle: (envelope) => this.delivery.deliver(envelope.data, envelope.correlationId),
    });
  }
}
