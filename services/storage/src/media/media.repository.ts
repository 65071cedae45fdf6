import { Inject, Injectable } from '@nestjs/common';
import type { MediaPurpose } from '@prodvor/contracts';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { Media } from './media.model';
import type { Tx } from '../database/transaction-runner';

export interface StoredVariant {
  name: string;
  key: string;
  width: number;
  height: number;
  bytes: number;
  contentType: string;
}

export interface NewMedia {
  id: string;
  ownerId: string;
  purpose: MediaPurpose;
  key: string;
  contentType: string;
  size: number;
  status: 'processing' | 'ready';
  width?: number;
  height?: number;
  variants?: StoredVariant[];
}

export function variantsOf(media: Media): StoredVariant[] {
  return media.variants as StoredVariant[];
}

@Injectable()
export class MediaRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Inserts once: a repeated completion of the same upload finds the existing row. */
  async createOnce(media: NewMedia, tx: Tx = this.prisma): Promise<Media> {
    const { variants, ...rest } = media;
    await tx.media.createMany({
      data: [{ ...rest, size: BigInt(media.size), variants: (variants ?? []) as unknown as Prisma.InputJsonValue }],
      skipDuplicates: true,
    });
    return tx.media.findUniqueOrThrow({ where: { id: media.id } });
  }

  find(id: string): Promise<Media | null> {
    return this.prisma.media.findUnique({ where: { id } });
  }

  /** Newest first; `before` is the id of the last row of the previous page (UUIDv7 ids sort by time). */
  listByOwner(ownerId: string, limit: number, purpose?: MediaPurpose, before?: string): Promise<Media[]> {
    return this.prisma.media.findMany({
      where: { ownerId, ...(purpose ? { purpose } : {}), ...(before ? { id: { lt: before } } : {}) },
      orderBy: { id: 'desc' },
      take: limit,
    });
  }

  async markReady(id: string, variants: StoredVariant[], size: { width?: number; height?: number }): Promise<boolean> {
    const { count } = await this.prisma.media.updateMany({
      where: { id },
      data: {
        status: 'ready',
        variants: variants as unknown as Prisma.InputJsonValue,
        width: size.width ?? null,
        height: size.height ?? null,
        failureCode: null,
      },
    });
    return count === 1;
  }

  async markFailed(id: string, code: string): Promise<void> {
    await this.prisma.media.updateMany({ where: { id }, data: { status: 'failed', failureCode: code } });
  }

  /** Deletes and returns the row (share links go with it), or null when it was already gone. */
  async delete(id: string, tx: Tx): Promise<Media | null> {
    const rows = await tx.media.findMany({ where: { id } });
    if (rows.length === 0) return null;
    const { count } = await tx.media.deleteMany({ where: { id } });
    return count === 1 ? rows[0] : null;
  }

  async deleteAllOf(ownerId: string, tx: Tx): Promise<Media[]> {
    const rows = await tx.media.findMany({ where: { ownerId } });
    await tx.media.deleteMany({ where: { ownerId } });
    return rows;
  }
}
