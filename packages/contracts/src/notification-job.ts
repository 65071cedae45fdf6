import { createEnvelope, type EventEnvelope } from './envelope';
import type { NotificationDeliver } from './events/notification.jobs';
import { Exchanges, RoutingKeys } from './names';
import { envelopeSchemaFor } from './registry';

/** What a producer says about a notification; the id and time are added when it is queued. */
export type NotificationRequest = Omit<NotificationDeliver, 'notificationId' | 'createdAt'>;

export interface NotificationJob {
  exchange: typeof Exchanges.notifications;
  routingKey: typeof RoutingKeys.notificationDeliver;
  envelope: EventEnvelope<'notification.deliver', NotificationDeliver>;
}

/**
 * A `notification.deliver` job, checked against its contract. The envelope id is the notification id
 * (a UUIDv7), which user-service deduplicates redeliveries by.
 */
export function notificationJob(
  notification: NotificationRequest,
  job: { id: string; producer: string; correlationId: string; now: Date },
): NotificationJob {
  const envelope = createEnvelope({
    id: job.id,
    type: 'notification.deliver',
    producer: job.producer,
    subject: notification.userId,
    correlationId: job.correlationId,
    now: job.now,
    data: { ...notification, notificationId: job.id, createdAt: job.now.toISOString() },
  });
  envelopeSchemaFor('notification.deliver').parse(envelope);
  return { exchange: Exchanges.notifications, routingKey: RoutingKeys.notificationDeliver, envelope };
}
