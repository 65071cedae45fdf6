import type { Notification } from './notification.model';

export interface Recipient {
  userId: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string;
  locale: string;
  timeZone: string | null;
}

/**
 * A way to reach a user beyond the in-app inbox (which every notification lands in). Channels are
 * pluggable; pushes to browsers and devices go through PushDeliveryService (one claim per target).
 */
export interface NotificationChannel {
  readonly name: 'email';
  /** False when the channel is not configured or cannot reach this recipient. */
  canReach(recipient: Recipient): boolean;
  send(notification: Notification, recipient: Recipient): Promise<void>;
}

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
