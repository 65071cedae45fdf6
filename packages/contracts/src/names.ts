/** Kafka topics: ordered per key, replayable. Versioned so a breaking change gets a new topic. */
export const Topics = {
  chatMessages: 'chat.messages.v1',
  matchEvents: 'match.events.v1',
  userEvents: 'user.events.v1',
  teamEvents: 'team.events.v1',
  tournamentEvents: 'tournament.events.v1',
  /** Notifications to show live in the app (key: user id); the inbox in user-service stays the record. */
  notificationsInApp: 'notifications.in-app.v1',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

/** Where a consumer parks a message it cannot handle after bounded retries. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** RabbitMQ topic exchanges carrying work. */
export const Exchanges = {
  media: 'media',
  notifications: 'notifications',
  webhooks: 'webhooks',
  /** team-service's own: team event reminders and their delay queues. */
  teamReminders: 'team.reminders',
} as const;
export type Exchange = (typeof Exchanges)[keyof typeof Exchanges];

export const RoutingKeys = {
  mediaProcess: 'media.process',
  mediaImport: 'media.import',
  mediaProcessed: 'media.processed',
  mediaFailed: 'media.failed',
  mediaImportCompleted: 'media.import.completed',
  notificationDeliver: 'notification.deliver',
  accountEmailSend: 'account.email.send',
  webhookDeliver: 'webhook.deliver',
  teamEventReminder: 'team.event.reminder',
} as const;
export type RoutingKey = (typeof RoutingKeys)[keyof typeof RoutingKeys];

/** Queues are named `<service>.<purpose>`; each has `.retry` and `.dlq` siblings. */
export const Queues = {
  storageMediaProcess: 'storage.media-process',
  storageMediaImport: 'storage.media-import',
  userMediaResults: 'user.media-results',
  userNotifications: 'user.notifications',
  userAccountEmails: 'user.account-emails',
  chatMediaResults: 'chat.media-results',
  teamEventReminders: 'team.event-reminders',
} as const;
export type Queue = (typeof Queues)[keyof typeof Queues];

export const QueueBindings: Record<Queue, { exchange: Exchange; routingKeys: RoutingKey[] }> = {
  [Queues.storageMediaProcess]: { exchange: Exchanges.media, routingKeys: [RoutingKeys.mediaProcess] },
  [Queues.storageMediaImport]: { exchange: Exchanges.media, routingKeys: [RoutingKeys.mediaImport] },
  [Queues.userMediaResults]: {
    exchange: Exchanges.media,
    routingKeys: [RoutingKeys.mediaProcessed, RoutingKeys.mediaFailed],
  },
  [Queues.userNotifications]: { exchange: Exchanges.notifications, routingKeys: [RoutingKeys.notificationDeliver] },
  [Queues.userAccountEmails]: { exchange: Exchanges.notifications, routingKeys: [RoutingKeys.accountEmailSend] },
  [Queues.chatMediaResults]: { exchange: Exchanges.media, routingKeys: [RoutingKeys.mediaProcessed] },
  [Queues.teamEventReminders]: { exchange: Exchanges.teamReminders, routingKeys: [RoutingKeys.teamEventReminder] },
};

export function retryQueue(queue: string): string {
  return `${queue}.retry`;
}

export function deadLetterQueue(queue: string): string {
  return `${queue}.dlq`;
}

/**
 * Webhook deliveries (tournament-service): besides `.dlq`, a failed POST waits in one of the `.backoff.<ms>ms`
 * queues (TTL doubling per attempt) and a delivery over its subscriber's rate limit in `.throttle.<ms>ms`; each
 * dead-letters back to the work queue. Not in `QueueBindings`: their TTLs come from the service's config.
 */
export const WebhookQueues = {
  deliveries: 'tournament.webhook-deliveries',
  /** Named by their TTL, so a changed delay declares new queues instead of clashing with the old ones. */
  backoff: (delayMs: number) => `tournament.webhook-deliveries.backoff.${delayMs}ms`,
  throttle: (delayMs: number) => `tournament.webhook-deliveries.throttle.${delayMs}ms`,
  dlq: 'tournament.webhook-deliveries.dlq',
} as const;

/** Kafka consumer groups are named `<service>.<purpose>`, e.g. `chat.persistence`. */
export function consumerGroup(service: string, purpose: string): string {
  return `${service}.${purpose}`;
}
