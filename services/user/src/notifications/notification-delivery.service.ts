import { Inject, Injectable } from '@nestjs/common';
import type { NotificationDeliver } from '@prodvor/contracts';
import { ProfilesRepository } from '../profiles/profiles.repository';
import { NOTIFICATION_CHANNELS, type NotificationChannel, type Recipient } from './notification-channel';
import { NotificationsRepository } from './notifications.repository';
import { Clock } from '@prodvor/platform';

/**
 * Delivers one `notification.deliver` job: always into the in-app inbox (stored once per
 * notificationId, so a redelivered job does not notify twice), then through the channels the user
 * enabled for this kind. A channel failure throws, so the job is retried; a retry skips what was done.
 * E-mail is at most once: a crash between the claim and the send loses that e-mail, never doubles it.
 */
@Injectable()
export class NotificationDeliveryService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly profiles: ProfilesRepository,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
    private readonly clock: Clock,
  ) {}

  async deliver(job: NotificationDeliver): Promise<void> {
    if (await this.profiles.isDeleted(job.userId)) return;
    const preference = await this.notifications.preference(job.userId, job.kind);
    const createdAt = new Date(job.createdAt);
    await this.notifications.insertIfAbsent({
      id: job.notificationId,
      userId: job.userId,
      kind: job.kind,
      title: job.title,
      body: job.body,
      data: job.data,
      createdAt,
      // A kind muted in-app still lands in the inbox, already read, so it never counts as unread.
      readAt: preference && !preference.inApp ? createdAt : null,
    });
    if (!preference?.email) return;
    const notification = await this.notifications.findById(job.notificationId);
    if (!notification || notification.emailedAt) return;
    const profile = await this.profiles.findById(job.userId);
    if (!profile) return;
    const recipient: Recipient = {
      userId: profile.id,
      email: profile.email,
      emailVerified: profile.emailVerified,
      displayName: profile.displayName,
      locale: profile.locale,
    };
    for (const channel of this.channels) {
      if (channel.name !== 'email' || !channel.canReach(recipient)) continue;
      // Claim first: a job redelivered while this one runs must not send a second e-mail.
      if (!(await this.notifications.claimEmail(notification.id, this.clock.now()))) continue;
      try {
        await channel.send(notification, recipient);
      } catch (error) {
        await this.notifications.releaseEmail(notification.id);
        throw error;
      }
    }
  }
}
