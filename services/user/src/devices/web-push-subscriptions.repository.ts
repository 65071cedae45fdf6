import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@prodvor/platform';
import { PrismaClient } from '../generated/prisma/client';
import type { WebPushSubscription } from './device.model';

export type SubscribeOutcome =
  { kind: 'stored'; subscription: WebPushSubscription } | { kind: 'taken' } | { kind: 'limit' };

@Injectable()
export class WebPushSubscriptionsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Stores a subscription for `subscription.userId`, or refreshes its keys when that user stored the endpoint
   * before. An endpoint stored by someone else stays theirs (`taken`); a user at `limit` subscriptions stores
   * no new one (the count is checked under a per-user advisory lock, so parallel requests cannot pass it).
   */
  async subscribe(subscription: WebPushSubscription, limit: number): Promise<SubscribeOutcome> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `web-push:${subscription.userId}`);
        const existing = await tx.webPushSubscription.findUnique({ where: { endpoint: subscription.endpoint } });
        if (existing && existing.userId !== subscription.userId) return { kind: 'taken' } as const;
        if (existing) {
          const updated = await tx.webPushSubscription.update({
            where: { id: existing.id },
            data: { p256dh: subscription.p256dh, auth: subscription.auth },
          });
          return { kind: 'stored', subscription: updated } as const;
        }
        if ((await tx.webPushSubscription.count({ where: { userId: subscription.userId } })) >= limit)
          return { kind: 'limit' } as const;
        return { kind: 'stored', subscription: await tx.webPushSubscription.create({ data: subscription }) } as const;
      });
    } catch (error) {
      // Another user stored the same endpoint meanwhile (their lock is not ours).
      if (isUniqueViolation(error)) return { kind: 'taken' };
      throw error;
    }
  }

  listByUser(userId: string): Promise<WebPushSubscription[]> {
    return this.prisma.webPushSubscription.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take: 100 });
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.webPushSubscription.deleteMany({ where: { id, userId } });
    return count === 1;
  }

  /** The push service said the subscription is gone (404/410). */
  async forget(id: string): Promise<void> {
    await this.prisma.webPushSubscription.deleteMany({ where: { id } });
  }
}
