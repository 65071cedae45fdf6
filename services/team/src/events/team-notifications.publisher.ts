import { Injectable, Logger } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Exchanges,
  RoutingKeys,
  type NotificationDeliver,
} from '@prodvor/contracts';
import { RabbitMqService } from '@prodvor/platform';
import { Clock } from '../common/clock';
import { IdGenerator } from '../common/id-generator';
import { TEAM_SERVICE } from './team-events.publisher';

export type TeamNotification = Omit<NotificationDeliver, 'notificationId' | 'createdAt'>;

/**
 * `notification.deliver` jobs on the `notifications` exchange (persistent, publisher confirms).
 * Sent after the change committed: a notification is a courtesy, so a broker outage is logged and
 * neither undoes nor fails the change that caused it.
 */
@Injectable()
export class TeamNotificationsPublisher {
  private readonly logger = new Logger(TeamNotificationsPublisher.name);

  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async send(notifications: TeamNotification[], correlationId: string): Promise<void> {
    const now = this.clock.now();
    for (const notification of notifications) {
      const envelope = createEnvelope({
        type: 'notification.deliver',
        producer: TEAM_SERVICE,
        subject: notification.userId,
        correlationId,
        now,
        data: { ...notification, notificationId: this.ids.id(), createdAt: now.toISOString() },
      });
      envelopeSchemaFor('notification.deliver').parse(envelope);
      try {
        await this.rabbit.jobs.publish(Exchanges.notifications, RoutingKeys.notificationDeliver, envelope);
      } catch (error) {
        this.logger.error({ err: error, correlationId, kind: notification.kind }, 'notification not published');
      }
    }
  }
}
