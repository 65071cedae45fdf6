import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient } from '../generated/prisma/client';
import type { EmailVerification, VerificationPurpose } from './email-verification.model';

export type { VerificationPurpose } from './email-verification.model';

export interface NewVerification {
  id: string;
  userId: string;
  email: string;
  purpose: VerificationPurpose;
  holderId?: string;
  createdAt: Date;
  expiresAt: Date;
}

@Injectable()
export class EmailVerificationRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async insert(tx: Tx, request: NewVerification): Promise<void> {
    await tx.emailVerification.create({ data: request });
  }

  /** E-mails queued to the address since `since`, whichever accounts asked. */
  countMailsTo(tx: Tx, email: string, since: Date): Promise<number> {
    return tx.emailVerification.count({ where: { email, createdAt: { gte: since }, purpose: { not: 'suppressed' } } });
  }

  findById(id: string): Promise<EmailVerification | null> {
    return this.prisma.emailVerification.findUnique({ where: { id } });
  }

  findByTokenHash(tokenHash: string): Promise<EmailVerification | null> {
    return this.prisma.emailVerification.findUnique({ where: { tokenHash } });
  }

  /**
   * Claims the sending of the request's e-mail and records its token's hash: true for exactly one of concurrent
   * deliveries of the same job, so a redelivered job never sends a second e-mail.
   */
  async claimSend(id: string, tokenHash: string | null, at: Date): Promise<boolean> {
    const { count } = await this.prisma.emailVerification.updateMany({
      where: { id, sentAt: null, usedAt: null },
      data: { sentAt: at, tokenHash },
    });
    return count === 1;
  }

  /** Gives the claim back after a failed send; the retry sends a new token. */
  async releaseSend(id: string): Promise<void> {
    await this.prisma.emailVerification.updateMany({ where: { id }, data: { sentAt: null, tokenHash: null } });
  }

  /** Marks the request used: true for exactly one of concurrent verifications with its token. */
  async claimUse(tx: Tx, id: string, at: Date): Promise<boolean> {
    const { count } = await tx.emailVerification.updateMany({ where: { id, usedAt: null }, data: { usedAt: at } });
    return count === 1;
  }

  /** Once an address is verified, the account's other links stop working. */
  async retireOthers(tx: Tx, userId: string, exceptId: string, at: Date): Promise<void> {
    await tx.emailVerification.updateMany({
      where: { userId, usedAt: null, id: { not: exceptId } },
      data: { usedAt: at },
    });
  }
}
