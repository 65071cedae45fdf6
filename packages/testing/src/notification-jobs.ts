import { envelopeSchemaFor, Exchanges, RoutingKeys, type MessageData } from '@prodvor/contracts';
import { connect } from 'amqplib';

export type NotificationJob = MessageData<'notification.deliver'>;

export interface NotificationJobs {
  /** Every `notification.deliver` job published on the vhost since the capture began, parsed by the contract. */
  received: NotificationJob[];
  /** Whether each received job (same index) was published persistent (delivery mode 2). */
  persistent: boolean[];
  stop(): Promise<void>;
}

/** Captures the notification jobs a service publishes (an exclusive queue bound beside user-service's). */
export async function captureNotificationJobs(vhostUrl: string): Promise<NotificationJobs> {
  const connection = await connect(vhostUrl);
  const channel = await connection.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, Exchanges.notifications, RoutingKeys.notificationDeliver);
  const received: NotificationJob[] = [];
  const persistent: boolean[] = [];
  await channel.consume(queue, (message) => {
    if (!message) return;
    received.push(envelopeSchemaFor('notification.deliver').parse(JSON.parse(message.content.toString())).data);
    persistent.push(message.properties.deliveryMode === 2);
    channel.ack(message);
  });
  return { received, persistent, stop: () => connection.close() };
}
