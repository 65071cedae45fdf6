import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { Tx } from '../database/transaction-runner';

/** Personal calendar feed secrets (their SHA-256 only), one per user. */
@Injectable()
export class CalendarFeedsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async replace(tx: Tx, userId: string, tokenHash: string, at: Date): Promise<void> {
    await tx.calendarFeedToken.upsert({
      where: { userId },
      create: { userId, tokenHash, createdAt: at },
      update: { tokenHash, createdAt: at },
    });
  }

  /** True when there was one to revoke. */
  async revoke(tx: Tx, userId: string): Promise<boolean> {
    const { count } = await tx.calendarFeedToken.deleteMany({ where: { userId } });
    return count > 0;
  }

  ownerOf(tokenHash: string): Promise<string | null> {
    return this.prisma.calendarFeedToken
      .findUnique({ where: { tokenHash }, select: { userId: true } })
      .then((row) => row?.userId ?? null);
  }
}
