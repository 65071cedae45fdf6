import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient } from '../generated/prisma/client';
import type { Notification, NotificationPreference } from './notification.model';

export interface NewNotification {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, string>;
  createdAt: Date;
  readAt: Date | null;
}

@Injectable()
export class NotificationsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Stores the notification unless its id is known (a redelivered job); true when this call stored it. */
  async insertIfAbsent(notification: NewNotification, db: Tx = this.prisma): Promise<boolean> {
    const { count } = await db.notification.createMany({ data: [notification], skipDuplicates: true });
    return count === 1;
  }

  findById(id: string): Promise<Notification | null> {
    return this.prisma.notification.findUnique({ where: { id } });
  }

  /** Newest first (ids are the producers' UUIDv7s). */
  list(userId: string, take: number, beforeId?: string, unreadOnly = false): Promise<Notification[]> {
    return this.prisma.notification.findMany({
      where: { userId, ...(beforeId ? { id: { lt: beforeId } } : {}), ...(unreadOnly ? { readAt: null } : {}) },
      orderBy: { id: 'desc' },
      take,
    });
  }

  /** Marks the user's own notification read; 0 when it is not theirs or does not exist. */
  async markRead(userId: string, id: string, at: Date): Promise<Notification | null> {
    await this.prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: at } });
    return this.prisma.notification.findFirst({ where: { id, userId } });
  }

  async markAllRead(userId: string, at: Date): Promise<number> {
    const { count } = await this.prisma.notification.updateMany({
      where: { userId, readAt: null },
      data: { readAt: at },
    });
    return count;
  }

  unreadCount(userId: string): Promise<number> {
    return this.prisma.notification.count({ where: { userId, readAt: null } });
  }

  /** Claims the e-mail of a notification: true for exactly one of concurrent deliveries of the same job. */
  async claimEmail(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.notification.updateMany({
      where: { id, emailedAt: null },
      data: { emailedAt: at },
    });
    return count === 1;
  }

  /** Gives the claim back after a failed send, so the retried job tries again. */
  async releaseEmail(id: string): Promise<void> {
    await this.prisma.notification.updateMany({ where: { id }, data: { emailedAt: null } });
  }

  /** Claims the push of a notification to one target: true for exactly one of concurrent deliveries. */
  async claimPush(notificationId: string, target: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.notificationPush.createMany({
      data: [{ notificationId, target, claimedAt: at }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  /** Gives a push claim back after a failed send, so the retried job pushes to that target again. */
  async releasePush(notificationId: string, target: string): Promise<void> {
    await this.prisma.notificationPush.deleteMany({ where: { notificationId, target } });
  }

  preferences(userId: string): Promise<NotificationPreference[]> {
    return this.prisma.notificationPreference.findMany({ where: { userId } });
  }

  preference(userId: string, kind: string): Promise<NotificationPreference | null> {
    return this.prisma.notificationPreference.findUnique({ where: { userId_kind: { userId, kind } } });
  }

  async savePreferences(
    userId: string,
    entries: { kind: string; inApp: boolean; email: boolean; push: boolean }[],
    at: Date,
  ) {
    await this.prisma.$transaction(
      entries.map((entry) =>
        this.prisma.notificationPreference.upsert({
          where: { userId_kind: { userId, kind: entry.kind } },
          create: { userId, ...entry, updatedAt: at },
          update: { inApp: entry.inApp, email: entry.email, push: entry.push, updatedAt: at },
        }),
      ),
    );
  }
}
