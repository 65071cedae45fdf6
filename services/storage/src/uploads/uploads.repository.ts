import { Inject, Injectable } from '@nestjs/common';
import type { MediaPurpose } from '@prodvor/contracts';
import { PrismaClient } from '../generated/prisma/client';
import type { Upload } from './upload.model';
import type { Tx } from '../database/transaction-runner';
import type { QuotaLimits } from '../media/storage-usage.repository';

export interface NewUpload {
  id: string;
  ownerId: string;
  purpose: MediaPurpose;
  key: string;
  contentType: string;
  size: number;
  mode: 'single' | 'multipart';
  multipartUploadId?: string;
  partSize?: number;
  expiresAt: Date;
}

export type FinalUploadStatus = 'completed' | 'rejected' | 'aborted' | 'expired';

@Injectable()
export class UploadsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Reserves the upload's bytes and one object against the owner's quota and records the upload, in
   * one statement (atomic without an interactive transaction); false when the quota would be passed.
   * The reservation is the guarded upsert of StorageUsageRepository.reserve.
   */
  async createReserving(upload: NewUpload, limits: QuotaLimits): Promise<boolean> {
    const created = await this.prisma.$executeRaw`
      WITH reserved AS (
        INSERT INTO storage_usage (owner_id, bytes, objects)
        SELECT ${upload.ownerId}::uuid, ${upload.size}::bigint, 1
        WHERE ${upload.size}::bigint <= ${limits.bytes}::bigint AND 1 <= ${limits.objects}
        ON CONFLICT (owner_id) DO UPDATE
          SET bytes = storage_usage.bytes + EXCLUDED.bytes, objects = storage_usage.objects + 1
          WHERE storage_usage.bytes + EXCLUDED.bytes <= ${limits.bytes}::bigint
            AND storage_usage.objects + 1 <= ${limits.objects}
        RETURNING owner_id
      )
      INSERT INTO uploads (id, owner_id, purpose, key, content_type, size, mode, multipart_upload_id, part_size, expires_at)
      SELECT ${upload.id}::uuid, owner_id, ${upload.purpose}::media_purpose, ${upload.key}, ${upload.contentType},
        ${upload.size}::bigint, ${upload.mode}::upload_mode, ${upload.multipartUploadId ?? null},
        ${upload.partSize ?? null}::integer, ${upload.expiresAt}
      FROM reserved`;
    return created === 1;
  }

  find(id: string): Promise<Upload | null> {
    return this.prisma.upload.findUnique({ where: { id } });
  }

  /**
   * Moves a pending upload to its final status; false when it was no longer pending (a concurrent
   * completion, abort or sweep won). Completion also requires the upload not to have expired, so the
   * sweeper and a late completion never both act on one upload.
   */
  async finish(tx: Tx, id: string, status: FinalUploadStatus, now: Date): Promise<boolean> {
    const { count } = await tx.upload.updateMany({
      where: { id, status: 'pending', ...(status === 'completed' ? { expiresAt: { gt: now } } : {}) },
      data: { status },
    });
    return count === 1;
  }

  /** Pending uploads past their deadline, oldest first. */
  expired(now: Date, limit: number): Promise<Upload[]> {
    return this.prisma.upload.findMany({
      where: { status: 'pending', expiresAt: { lt: now } },
      orderBy: { expiresAt: 'asc' },
      take: limit,
    });
  }

  /** Which of `ids` are uploads still pending (their staging objects may still be completed). */
  async pendingAmong(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.prisma.upload.findMany({
      where: { id: { in: ids }, status: 'pending' },
      select: { id: true },
    });
    return new Set(rows.map((row) => row.id));
  }

  /** Pending multipart uploads of an owner: their open S3 uploads hold parts no listing shows. */
  async pendingMultipartOf(ownerId: string): Promise<{ key: string; multipartUploadId: string }[]> {
    const rows = await this.prisma.upload.findMany({
      where: { ownerId, status: 'pending', multipartUploadId: { not: null } },
      select: { key: true, multipartUploadId: true },
    });
    return rows.map((row) => ({ key: row.key, multipartUploadId: row.multipartUploadId! }));
  }

  async forgetOwner(ownerId: string, tx: Tx): Promise<void> {
    await tx.upload.deleteMany({ where: { ownerId } });
  }
}
