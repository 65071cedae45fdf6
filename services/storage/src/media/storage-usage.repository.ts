import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { Tx } from '../database/transaction-runner';

export interface QuotaLimits {
  bytes: number;
  objects: number;
}

/**
 * Per-owner usage. Every change is one guarded statement, so concurrent uploads can never push an
 * owner past the quota (no read-then-write window).
 */
@Injectable()
export class StorageUsageRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Adds `bytes` and one object when the result stays within `limits`; false when it would not. */
  async reserve(ownerId: string, bytes: number, limits: QuotaLimits, tx: Tx = this.prisma): Promise<boolean> {
    const changed = await tx.$executeRaw`
      INSERT INTO storage_usage (owner_id, bytes, objects)
      SELECT ${ownerId}::uuid, ${bytes}::bigint, 1
      WHERE ${bytes}::bigint <= ${limits.bytes}::bigint AND 1 <= ${limits.objects}
      ON CONFLICT (owner_id) DO UPDATE
        SET bytes = storage_usage.bytes + EXCLUDED.bytes, objects = storage_usage.objects + 1
        WHERE storage_usage.bytes + EXCLUDED.bytes <= ${limits.bytes}::bigint
          AND storage_usage.objects + 1 <= ${limits.objects}`;
    return changed === 1;
  }

  async release(ownerId: string, bytes: number, objects: number, tx: Tx = this.prisma): Promise<void> {
    await tx.$executeRaw`
      UPDATE storage_usage SET bytes = GREATEST(bytes - ${bytes}::bigint, 0), objects = GREATEST(objects - ${objects}, 0)
      WHERE owner_id = ${ownerId}::uuid`;
  }

  async usage(ownerId: string): Promise<{ bytes: number; objects: number }> {
    const row = await this.prisma.storageUsage.findUnique({ where: { ownerId } });
    return { bytes: Number(row?.bytes ?? 0), objects: row?.objects ?? 0 };
  }

  async forget(ownerId: string, tx: Tx): Promise<void> {
    await tx.storageUsage.deleteMany({ where: { ownerId } });
  }
}
