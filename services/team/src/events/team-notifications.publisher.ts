import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Exchanges,
  RoutingKeys,
  type NotificationDeliver,
} from '@prodvor/contracts';
import { AppConfig } from '@prodvor/platform';
import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import { Clock } from '../common/clock';
import { IdGenerator } from '../common/id-generator';
import type { TeamConfig } from '../config/team.config';
import { TEAM_SERVICE } from './team-events.publisher';

export type TeamNotification = Omit<NotificationDeliver, 'notificationId' | 'createdAt'>;

/**
 * `notification.deliver` jobs on the `notifications` exchange (persistent, publisher confirms).
 * Sent after the change committed: a notification is a courtesy, so a broker outage is logged and
 * never undoes or fails the change that caused it.
 */
@Injectable()
export class TeamNotificationsPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(TeamNotificationsPublisher.name);
  private readonly url?: string;
  private connection?: AmqpConnectionManager;
  private channel?: ChannelWrapper;

  constructor(
    config: AppConfig<TeamConfig>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {
    this.url = config.get('RABBITMQ_URL');
  }

  async send(notifications: TeamNotification[], correlationId: string): Promise<void> {
    if (notifications.length === 0) return;
    const channel = this.channelOrWarn();
    if (!channel) return;
    const now = this.clock.now();
    try {
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
        await channel.publish(Exchanges.notifications, RoutingKeys.notificationDeliver, envelope, {
          persistent: true,
          contentType: 'application/json',
          messageId: envelope.id,
          correlationId,
          timeout: 5_000,
        });
      }
    } catch (error) {
      this.logger.error({ err: error, correlationId }, 'notification not delivered to RabbitMQ');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel?.close();
    await this.connection?.close();
  }

  private channelOrWarn(): ChannelWrapper | undefined {
    if (!this.url) {
      this.logger.warn('RABBITMQ_URL is not set: notifications are not sent');
      return undefined;
    }
    if (!this.channel) {
      this.connection = amqp.connect([this.url]);
      this.channel = this.connection.createChannel({
        json: true,
        confirm: true,
        setup: (channel: ConfirmChannel) =>
          channel.assertExchange(Exchanges.notifications, 'topic', { durable: true }).then(() => undefined),
      });
    }
    return this.channel;
  }
}
