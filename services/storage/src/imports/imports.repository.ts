import { Inject, Injectable } from '@nestjs/common';
import type { MediaPurpose } from '@prodvor/contracts';
import { PrismaClient, type ImportBatch, type Prisma } from '../generated/prisma/client';

@Injectable()
export class ImportsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  create(batch: { id: string; requestedBy: string; purpose: MediaPurpose; urls: string[] }): Promise<ImportBatch> {
    return this.prisma.importBatch.create({ data: batch });
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
