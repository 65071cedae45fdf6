import { Inject, Injectable } from '@nestjs/common';
import type { NotificationDeliver } from '@prodvor/contracts';
import { Clock, EventPublisher } from '@prodvor/platform';
import { TransactionRunner } from '../database/transaction-runner';
import type { Profile } from '../profiles/profile.model';
import { ProfilesRepository } from '../profiles/profiles.repository';
import type { Notification } from './notification.model';
import { NOTIFICATION_CHANNELS, type NotificationChannel, type Recipient } from './notification-channel';
import { channelsFor } from './notification-preferences';
import { renderNotification } from './notification-texts';
import { NotificationsRepository } from './notifications.repository';
import { PushDeliveryService } from './push/push-delivery.service';

/**
 * Delivers one `notification.deliver` job: always into the in-app inbox (stored once per notificationId,
 * in the recipient's language, so a redelivered job does not notify twice) with, in the same transaction,
 * a `notification.in_app` event for the user's open sockets when in-app is on; then through the channels the
 * user enabled for this kind (defaults where they chose nothing). A channel failure throws after the other
 * channels were tried, so the job is retried; a retry skips what was done (e-mail and each push target are
 * claimed before they are sent). E-mail and pushes are at most once: a crash between a claim and its send
 * loses that one, never doubles it.
 */
@Injectable()
export class NotificationDeliveryService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly profiles: ProfilesRepository,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
    private readonly pushes: PushDeliveryService,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async deliver(job: NotificationDeliver, correlationId = job.notificationId): Promise<void> {
    if (await this.profiles.isDeleted(job.userId)) return;
    const channels = channelsFor(await this.notifications.preference(job.userId, job.kind));
    const profile = await this.profiles.findById(job.userId);
    const texts = renderNotification(job, profile);
    const createdAt = new Date(job.createdAt);
    await this.transactions.run(async (tx) => {
      const stored = await this.notifications.insertIfAbsent(
        {
          id: job.notificationId,
          userId: job.userId,
          kind: job.kind,
          title: texts.title,
          body: texts.body,
          data: job.data,
          createdAt,
          // A kind muted in-app still lands in the inbox, already read, so it never counts as unread.
          readAt: channels.inApp ? null : createdAt,
        },
        tx,
      );
      // Shown live on the user's open sockets (chat-service), once: only by the delivery that stored it.
      if (stored && channels.inApp)
        await this.events.publish(
          tx,
          'notification.in_app',
          {
            ...texts,
            notificationId: job.notificationId,
            userId: job.userId,
            kind: job.kind,
            data: job.data,
            createdAt: job.createdAt,
          },
          correlationId,
        );
    });
    if (!profile || (!channels.email && !channels.push)) return;
    const notification = await this.notifications.findById(job.notificationId);
    if (!notification) return;
    const failures: unknown[] = [];
    if (channels.email) await this.email(notification, profile).catch((error: unknown) => failures.push(error));
    if (channels.push)
      await this.pushes
        .push(profile.id, {
          notificationId: notification.id,
          kind: notification.kind,
          title: notification.title,
          body: notification.body,
          data: job.data,
        })
        .catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  }

  private async email(notification: Notification, profile: Profile): Promise<void> {
    if (notification.emailedAt) return;
    const recipient: Recipient = {
      userId: profile.id,
      email: profile.email,
      emailVerified: profile.emailVerified,
      displayName: profile.displayName,
      locale: profile.locale,
      timeZone: profile.timeZone,
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
