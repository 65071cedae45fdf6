import { connect } from 'amqplib';
import { createEnvelope, Exchanges, RoutingKeys, type NotificationDeliver } from '@prodvor/contracts';
import { v7 as uuidv7 } from 'uuid';

/** Publishes raw bytes to an exchange of the test vhost, as another service (or a broken one) would. */
export async function publishRaw(url: string, exchange: string, routingKey: string, body: Buffer): Promise<void> {
  const connection = await connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(exchange, routingKey, body, { persistent: true, contentType: 'application/json' });
    await channel.waitForConfirms();
    await channel.close();
  } finally {
    await connection.close();
  }
}

export function notificationJob(userId: string, overrides: Partial<NotificationDeliver> = {}) {
  return createEnvelope({
    type: 'notification.deliver',
    producer: 'team',
    subject: userId,
    correlationId: 'test',
    data: {
      notificationId: uuidv7(),
      userId,
      kind: 'team_invite',
      title: 'You are invited',
      body: 'Dvor United invites you to join',
      data: { teamId: uuidv7() },
      createdAt: new Date().toISOString(),
      ...overrides,
    } satisfies NotificationDeliver,
  });
}

export function publishNotification(url: string, envelope: unknown): Promise<void> {
  return publishRaw(
    url,
    Exchanges.notifications,
    RoutingKeys.notificationDeliver,
    Buffer.from(JSON.stringify(envelope)),
  );
}
