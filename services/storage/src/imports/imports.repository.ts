import { Inject, Injectable } from '@nestjs/common';
import type { MediaPurpose } from '@prodvor/contracts';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { ImportBatch } from './import-batch.model';

@Injectable()
export class ImportsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Creates the batch only if the URLs this user submitted in the last `windowSeconds`, these included,
   * stay within `budget`; null otherwise. Serialised per user (an advisory lock held by the
   * transaction), so parallel requests cannot overshoot; a batch deleted after a failed publish frees its URLs.
   */
  createWithinBudget(
    batch: { id: string; requestedBy: string; purpose: MediaPurpose; urls: string[] },
    budget: number,
    windowSeconds: number,
  ): Promise<ImportBatch | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`import:${batch.requestedBy}`}, 0))`;
      const [{ used }] = await tx.$queryRaw<{ used: number }[]>`
        SELECT coalesce(sum(jsonb_array_length(urls)), 0)::int AS used FROM import_batches
        WHERE requested_by = ${batch.requestedBy}::uuid AND created_at > now() - make_interval(secs => ${windowSeconds})`;
      if (used + batch.urls.length > budget) return null;
      return tx.importBatch.create({ data: batch });
    });
  }

  find(id: string): Promise<ImportBatch | null> {
    return this.prisma.importBatch.findUnique({ where: { id } });
  }

  async complete(id: string, results: unknown[], now: Date): Promise<void> {
    await this.prisma.importBatch.updateMany({
      where: { id },
      data: { status: 'completed', results: results as Prisma.InputJsonValue, completedAt: now },
    });
  }

  async delete(id: string): Promise<void> {
    await this.prisma.importBatch.deleteMany({ where: { id } });
  }

  async forgetOwner(requestedBy: string, tx: Prisma.TransactionClient): Promise<void> {
    await tx.importBatch.deleteMany({ where: { requestedBy } });
  }
}
