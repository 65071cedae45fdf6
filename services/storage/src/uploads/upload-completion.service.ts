import { Injectable, Logger } from '@nestjs/common';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { TransactionRunner } from '../database/transaction-runner';
import type { Upload } from './upload.model';
import { SNIFF_BYTES, sniffContentType } from '../media/content-sniffer';
import type { MediaDto } from '../media/dto/media.dto';
import { MediaErrors } from '../media/media.errors';
import { MediaIntakeService } from '../media/media-intake.service';
import { toMediaDto } from '../media/media.presenter';
import { MediaRepository } from '../media/media.repository';
import { ObjectChangedError, ObjectStorage } from '../s3/object-storage';
import type { CompletedPartDto } from './dto/multipart.dto';
import { UploadErrors } from './upload.errors';
import { partSizes, stagingKey } from './upload-policy';
import { UploadsRepository } from './uploads.repository';
import { UploadsService } from './uploads.service';
import { type Actor, Clock } from '@prodvor/platform';

/**
 * Turns an uploaded object into a media record only after checking it: the object exists, has the
 * declared size, and its first bytes are the declared type. A lying upload is rejected and deleted.
 * Completing twice answers the same media (the media id is the upload id).
 */
@Injectable()
export class UploadCompletionService {
  private readonly logger = new Logger(UploadCompletionService.name);

  constructor(
    private readonly uploadsService: UploadsService,
    private readonly uploads: UploadsRepository,
    private readonly media: MediaRepository,
    private readonly intake: MediaIntakeService,
    private readonly storage: ObjectStorage,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async complete(actor: Actor, uploadId: string, parts?: CompletedPartDto[]): Promise<MediaDto> {
    const existing = await this.uploads.find(uploadId);
    if (!existing || existing.ownerId !== actor.userId) throw UploadErrors.notFound();
    if (existing.status === 'completed') return this.alreadyCompleted(uploadId, actor.correlationId);
    const upload = await this.uploadsService.pendingOwnUpload(actor, uploadId);
    if (upload.mode === 'multipart') await this.completeMultipart(upload, parts);
    else if (parts) throw UploadErrors.partsInvalid('parts are only sent for multipart uploads');

    // A single upload is verified where its URL wrote and copied to the media key; a multipart one was
    // assembled at the media key by CompleteMultipartUpload (its part URLs died with the upload id).
    const single = upload.mode === 'single';
    const source = single ? stagingKey(upload.id) : upload.key;
    const head = await this.storage.head(source);
    if (!head) throw UploadErrors.notReceived();
    const declared = Number(upload.size);
    if (head.size !== declared) {
      await this.reject(upload, 'size mismatch');
      throw UploadErrors.sizeMismatch(declared, head.size);
    }
    try {
      const actual = await sniffContentType(await this.storage.readStart(source, SNIFF_BYTES, head.etag));
      if (actual !== upload.contentType) {
        await this.reject(upload, `sniffed ${actual ?? 'unknown'}`);
        throw MediaErrors.typeMismatch(upload.contentType, actual);
      }
      // Only the version that was checked is copied: a PUT replacing it meanwhile is caught here.
      if (single) await this.storage.copyVersion(source, upload.key, head.etag ?? '');
    } catch (error) {
      if (error instanceof ObjectChangedError) throw UploadErrors.objectChanged();
      throw error;
    }

    const media = await this.transactions.run(async (tx) => {
      if (!(await this.uploads.finish(tx, upload.id, 'completed', this.clock.now()))) return null;
      return this.intake.record(tx, {
        id: upload.id,
        ownerId: upload.ownerId,
        purpose: upload.purpose,
        key: upload.key,
        contentType: upload.contentType,
        size: declared,
      });
    });
    if (!media) return this.lostRace(upload, actor.correlationId);
    if (single) await this.dropStaging(upload);
    await this.intake.announce(media, actor.correlationId);
    return toMediaDto(media);
  }

  /**
   * The upload stopped being pending while it was verified: a concurrent completion made the media
   * (same answer), or an abort or the sweeper ended it, and the copy made here belongs to no media.
   */
  private async lostRace(upload: Upload, correlationId: string): Promise<MediaDto> {
    if (await this.media.find(upload.id)) return this.alreadyCompleted(upload.id, correlationId);
    if (upload.mode === 'single') await this.storage.delete(upload.key);
    const latest = await this.uploads.find(upload.id);
    if (!latest) throw UploadErrors.notFound();
    throw latest.status === 'pending' ? UploadErrors.expired() : UploadErrors.notPending(latest.status);
  }

  /** The staging object is no longer needed; if this fails the sweeper deletes it (its upload is not pending). */
  private async dropStaging(upload: Upload): Promise<void> {
    await this.storage.delete(stagingKey(upload.id)).catch((error: unknown) => {
      this.logger.warn({ err: error, uploadId: upload.id }, 'staging object left for the sweeper');
    });
  }

  /** A retried completion: the same media; a job that may not have been queued is queued again. */
  private async alreadyCompleted(uploadId: string, correlationId: string): Promise<MediaDto> {
    const media = await this.media.find(uploadId);
    if (!media) throw UploadErrors.notPending('completed');
    if (media.status === 'processing') await this.intake.announce(media, correlationId);
    return toMediaDto(media);
  }

  private async completeMultipart(upload: Upload, parts: CompletedPartDto[] | undefined): Promise<void> {
    const expected = partSizes(Number(upload.size), upload.partSize!).length;
    if (!parts || parts.length !== expected || parts.some((p, i) => p.partNumber !== i + 1)) {
      throw UploadErrors.partsInvalid(`Send all ${expected} parts in order with their ETags`);
    }
    try {
      await this.storage.completeMultipart(upload.key, upload.multipartUploadId!, parts);
    } catch (error) {
      if (error instanceof S3ServiceException && (error.$metadata.httpStatusCode ?? 500) < 500) {
        throw UploadErrors.partsInvalid(`Storage refused the parts: ${error.name}`);
      }
      throw error;
    }
  }

  private async reject(upload: Upload, reason: string): Promise<void> {
    this.logger.warn({ uploadId: upload.id, reason }, 'upload rejected and deleted');
    await this.uploadsService.discard({ ...upload, multipartUploadId: null }, 'rejected');
  }
}
