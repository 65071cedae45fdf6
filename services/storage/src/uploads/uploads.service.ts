import { Injectable } from '@nestjs/common';
import { type Actor, AppConfig, Clock, IdGenerator } from '@prodvor/platform';
import type { StorageConfig } from '../config/storage.config';
import type { Upload } from './upload.model';
import { MediaErrors } from '../media/media.errors';
import { MEDIA_RULES, originalKey } from '../media/media-rules';
import { StorageUsageRepository } from '../media/storage-usage.repository';
import { TransactionRunner } from '../database/transaction-runner';
import { ObjectStorage } from '../s3/object-storage';
import type { CreateUploadDto, UploadTicketDto } from './dto/create-upload.dto';
import type { PresignedPartsDto } from './dto/multipart.dto';
import { UploadErrors } from './upload.errors';
import { assertAccepted, partSizes, stagingKey } from './upload-policy';
import { UploadsRepository } from './uploads.repository';

/**
 * Issues presigned uploads: validates against the purpose's rules, reserves quota for the declared
 * size and signs a request that S3 only accepts with exactly the declared type and length.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly uploads: UploadsRepository,
    private readonly usage: StorageUsageRepository,
    private readonly storage: ObjectStorage,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig<StorageConfig>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(actor: Actor, dto: CreateUploadDto): Promise<UploadTicketDto> {
    assertAccepted(dto.purpose, dto.contentType, dto.size);
    const multipart = MEDIA_RULES[dto.purpose].multipart && dto.size > this.config.get('MULTIPART_THRESHOLD_BYTES');
    const id = this.ids.id();
    const key = originalKey(dto.purpose, actor.userId, id);
    const ttl = this.config.get(multipart ? 'MULTIPART_URL_TTL_SECONDS' : 'UPLOAD_URL_TTL_SECONDS');
    const urlExpiresAt = new Date(this.clock.now().getTime() + ttl * 1000);
    const expiresAt = new Date(urlExpiresAt.getTime() + this.config.get('UPLOAD_COMPLETION_GRACE_SECONDS') * 1000);
    const partSize = this.config.get('MULTIPART_PART_SIZE_BYTES');
    // S3 is asked for a multipart upload id first; if the upload is not recorded, it is aborted.
    const multipartUploadId = multipart ? await this.storage.createMultipart(key, dto.contentType) : undefined;
    const upload = {
      id,
      ownerId: actor.userId,
      purpose: dto.purpose,
      key,
      contentType: dto.contentType,
      size: dto.size,
      mode: multipart ? ('multipart' as const) : ('single' as const),
      multipartUploadId,
      partSize: multipart ? partSize : undefined,
      expiresAt,
    };
    let recorded = false;
    try {
      recorded = await this.uploads.createReserving(upload, this.limits());
    } finally {
      if (!recorded && multipartUploadId)
        await this.storage.abortMultipart(key, multipartUploadId).catch(() => undefined);
    }
    if (!recorded) throw MediaErrors.quotaExceeded();
    const ticket: UploadTicketDto = {
      id,
      key,
      purpose: dto.purpose,
      contentType: dto.contentType,
      size: dto.size,
      mode: multipart ? 'multipart' : 'single',
      expiresAt: expiresAt.toISOString(),
    };
    if (multipart) return { ...ticket, partSize, partCount: partSizes(dto.size, partSize).length };
    const url = await this.storage.presignPut(stagingKey(id), dto.contentType, dto.size, ttl);
    return {
      ...ticket,
      request: {
        method: 'PUT',
        url,
        headers: { 'Content-Type': dto.contentType, 'Content-Length': String(dto.size) },
      },
    };
  }

  async presignParts(actor: Actor, uploadId: string, partNumbers?: number[]): Promise<PresignedPartsDto> {
    const upload = await this.pendingOwnUpload(actor, uploadId);
    if (upload.mode !== 'multipart' || !upload.multipartUploadId || !upload.partSize) throw UploadErrors.notMultipart();
    const sizes = partSizes(Number(upload.size), upload.partSize);
    const wanted = partNumbers ?? sizes.map((_, i) => i + 1);
    const outside = wanted.find((n) => n > sizes.length);
    if (outside) throw UploadErrors.partsInvalid(`Part ${outside} does not exist (the upload has ${sizes.length})`);
    const ttl = this.config.get('MULTIPART_URL_TTL_SECONDS');
    const parts = await Promise.all(
      [...new Set(wanted)].map(async (partNumber) => ({
        partNumber,
        size: sizes[partNumber - 1],
        url: await this.storage.presignPart(
          upload.key,
          upload.multipartUploadId!,
          partNumber,
          sizes[partNumber - 1],
          ttl,
        ),
      })),
    );
    return { parts, expiresAt: new Date(this.clock.now().getTime() + ttl * 1000).toISOString() };
  }

  /** Abandons a pending upload: whatever reached S3 is removed and the reserved quota released. */
  async abort(actor: Actor, uploadId: string): Promise<void> {
    const upload = await this.pendingOwnUpload(actor, uploadId);
    await this.discard(upload, 'aborted');
  }

  /**
   * Ends a pending upload as `status`, deleting what was uploaded; false if it was no longer pending.
   * A single upload only ever wrote its staging object (a PUT arriving later is the sweeper's); the
   * media key is left alone, so a completion that won the race keeps its object.
   */
  async discard(upload: Upload, status: 'aborted' | 'rejected' | 'expired'): Promise<boolean> {
    if (upload.multipartUploadId) await this.storage.abortMultipart(upload.key, upload.multipartUploadId);
    await this.storage.delete(upload.mode === 'single' ? stagingKey(upload.id) : upload.key);
    return this.transactions.run(async (tx) => {
      if (!(await this.uploads.finish(tx, upload.id, status, this.clock.now()))) return false;
      await this.usage.release(upload.ownerId, Number(upload.size), 1, tx);
      return true;
    });
  }

  async pendingOwnUpload(actor: Actor, uploadId: string): Promise<Upload> {
    const upload = await this.uploads.find(uploadId);
    if (!upload || upload.ownerId !== actor.userId) throw UploadErrors.notFound();
    if (upload.status !== 'pending') throw UploadErrors.notPending(upload.status);
    if (upload.expiresAt <= this.clock.now()) throw UploadErrors.expired();
    return upload;
  }

  limits() {
    return { bytes: this.config.get('QUOTA_BYTES_PER_USER'), objects: this.config.get('QUOTA_OBJECTS_PER_USER') };
  }
}
