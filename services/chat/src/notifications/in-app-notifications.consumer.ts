import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumerGroup, envelopeSchemaFor, type NotificationInApp, Topics } from '@prodvor/contracts';
import { KafkaService, RedisStore } from '@prodvor/platform';
import { EphemeralBus } from '../realtime/ephemeral-bus';
import { userChannel } from '../realtime/socket-state';

export const IN_APP_NOTIFICATIONS_GROUP = consumerGroup('chat', 'in-app-notifications');

/** How long a shown notification id is remembered, so a redelivered message is not shown twice. */
const SHOWN_TTL_SECONDS = 86_400;

/** What a socket receives as `notification`: the inbox item as user-service's HTTP API returns it. */
export interface LiveNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, string>;
  createdAt: string;
  readAt: null;
}

export function liveNotification(data: NotificationInApp): LiveNotification {
  return {
    id: data.notificationId,
    kind: data.kind,
    title: data.title,
    body: data.body,
    data: data.data,
    createdAt: data.createdAt,
    readAt: null,
  };
}

/**
 * One consumer group reads `notifications.in-app.v1` (user-service's outbox) and emits each notification as
 * `notification` to its user's channel on every instance (the Redis ephemeral bus), so whichever instance
 * holds the user's sockets shows it. Idempotent: a notification id is claimed in Redis (SET NX) before it
 * is emitted, so a redelivery (rebalance, relay retry) shows nothing twice. Offline users miss nothing: the
 * notification is in their inbox.
 */
@Injectable()
export class InAppNotificationsConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly bus: EphemeralBus,
    private readonly redis: RedisStore,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: IN_APP_NOTIFICATIONS_GROUP,
      topics: [Topics.notificationsInApp],
      schema: envelopeSchemaFor('notification.in_app'),
      partitionsConsumedConcurrently: 4,
      handle: async ({ value }) => {
        const claimed = await this.redis.client.set(
          this.redis.key('notification-shown', value.data.notificationId),
          '1',
          { NX: true, EX: SHOWN_TTL_SECONDS },
        );
        if (claimed === null) return;
        this.bus.publish({
          kind: 'notification',
          rooms: [userChannel(value.data.userId)],
          payload: liveNotification(value.data),
        });
      },
    });
  }
}
