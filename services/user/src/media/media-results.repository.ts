import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

export interface MediaOutcome {
  mediaId: string;
  ownerId: string;
  status: 'processed' | 'failed';
  variants: { name: string; key: string; width: number; height: number }[];
  receivedAt: Date;
}

@Injectable()
export class MediaResultsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Redelivered results overwrite with the same content; the owner never changes for a media id. */
  async save(outcome: MediaOutcome): Promise<void> {
    const variants = outcome.variants as unknown as Prisma.InputJsonValue;
    await this.prisma.mediaResult.upsert({
      where: { mediaId: outcome.mediaId },
      create: { ...outcome, variants },
      update: { status: outcome.status, variants, receivedAt: outcome.receivedAt },
    });
  }
}
