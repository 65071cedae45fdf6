import type { NotificationPreference } from './notification.model';

/** The ways a notification reaches a user; every notification is also stored in the inbox. */
export const NOTIFICATION_CHANNEL_NAMES = ['inApp', 'email', 'push'] as const;

export type ChannelChoice = Pick<NotificationPreference, 'inApp' | 'email' | 'push'>;

/** Where the user chose nothing: counted unread in the app and pushed; e-mail only when asked for. */
export const DEFAULT_CHANNELS: ChannelChoice = { inApp: true, email: false, push: true };

export function channelsFor(saved: ChannelChoice | null | undefined): ChannelChoice {
  return saved ? { inApp: saved.inApp, email: saved.email, push: saved.push } : DEFAULT_CHANNELS;
}
