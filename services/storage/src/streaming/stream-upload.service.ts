import { Injectable, Logger } from '@nestjs/common';
import type { MediaPurpose } from '@prodvor/contracts';
import { type Actor, AppConfig, DomainError, IdGenerator } from '@prodvor/platform';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { peek, SizeLimit, TooLargeError } from '../common/stream-helpers';
import type { StorageConfig } from '../config/storage.config';
import { TransactionRunner } from '../database/transaction-runner';
import { SNIFF_BYTES, sniffContentType } from '../media/content-sniffer';
import type { MediaDto } from '../media/dto/media.dto';
import { MediaErrors } from '../media/media.errors';
import { MediaIntakeService } from '../media/media-intake.service';
import { toMediaDto } from '../media/media.presenter';
import { MediaRepository } from '../media/media.repository';
import { isImage, MEDIA_RULES, originalKey, variantKey } from '../media/media-rules';
import { StorageUsageRepository, type QuotaLimits } from '../media/storage-usage.repository';
import {
  ImageVariantMaker,
  ProcessingErrorCode,
  processingErrorCode,
  type VariantSet,
} from '../processing/image-variants';
import { ObjectStorage } from '../s3/object-storage';
import { UploadErrors } from '../uploads/upload.errors';
import { assertAccepted } from '../uploads/upload-policy';
import { MinimumRate } from './minimum-rate';

interface Stored {
  key: string;
  contentType: string;
  size: number;
  variants?: VariantSet;
}

/** Room for multipart boundaries and part headers around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The server-side upload for clients that cannot PUT to S3: the multipart body is parsed as a stream
 * (busboy), its declared and sniffed type and its size are checked while it flows, and it goes to S3
 * as a multipart upload (STREAM_PART_SIZE_BYTES parts in reused buffers, STREAM_QUEUE_SIZE in flight) while images are resized
 * into their variants from the same bytes. Nothing holds the whole file; a failure leaves no object.
 */
@Injectable()
export class StreamUploadService {
  private readonly logger = new Logger(StreamUploadService.name);
  /** Uploads this instance is receiving now (bounded by STREAM_MAX_CONCURRENT). */
  private active = 0;

  constructor(
    private readonly storage: ObjectStorage,
    private readonly maker: ImageVariantMaker,
    private readonly usage: StorageUsageRepository,
    private readonly media: MediaRepository,
    private readonly intake: MediaIntakeService,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig<StorageConfig>,
    private readonly ids: IdGenerator,
  ) {}

  async upload(actor: Actor, purpose: MediaPurpose, request: IncomingMessage): Promise<MediaDto> {
    if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) throw UploadErrors.notMultipartForm();
    const rule = MEDIA_RULES[purpose];
    const declaredLength = Number(request.headers['content-length']);
    if (declaredLength > rule.maxBytes + FORM_OVERHEAD_BYTES) throw MediaErrors.tooLarge(purpose, rule.maxBytes);
    const limits = {
      bytes: this.config.get('QUOTA_BYTES_PER_USER'),
      objects: this.config.get('QUOTA_OBJECTS_PER_USER'),
    };
    const used = await this.usage.usage(actor.userId);
    if (used.objects + 1 > limits.objects || used.bytes + (declaredLength || 0) > limits.bytes + FORM_OVERHEAD_BYTES) {
      throw MediaErrors.quotaExceeded();
    }

    if (this.active >= this.config.get('STREAM_MAX_CONCURRENT')) throw UploadErrors.streamsBusy();
    this.active += 1;
    try {
      return await this.receiveAndRecord(actor, purpose, request, limits);
    } finally {
      this.active -= 1;
    }
  }

  private async receiveAndRecord(
    actor: Actor,
    purpose: MediaPurpose,
    request: IncomingMessage,
    limits: QuotaLimits,
  ): Promise<MediaDto> {
    const id = this.ids.id();
    const stored = await this.receive(request, purpose, originalKey(purpose, actor.userId, id));
    const keys = [stored.key, ...(stored.variants?.variants.map((v) => v.key) ?? [])];
    const media = await this.transactions
      .run(async (tx) => {
        if (!(await this.usage.reserve(actor.userId, stored.size, limits, tx))) throw MediaErrors.quotaExceeded();
        return this.media.createOnce(
          {
            id,
            ownerId: actor.userId,
            purpose,
            key: stored.key,
            contentType: stored.contentType,
            size: stored.size,
            // Videos of purposes that probe them go to the worker like presigned ones (images are resized here).
            status:
              !stored.variants && this.intake.needsProcessing(purpose, stored.contentType) ? 'processing' : 'ready',
            width: stored.variants?.width,
            height: stored.variants?.height,
            variants: stored.variants?.variants ?? [],
          },
          tx,
        );
      })
      .catch(async (error: unknown) => {
        await this.storage.delete(...keys).catch(() => undefined);
        throw error;
      });
    // A ready media is stored and answered either way (`media.processed` is a notice for other services);
    // a processing one needs its job, so a failed publish fails the request.
    await this.intake.announce(media, actor.correlationId).catch((error: unknown) => {
      if (media.status === 'processing') throw error;
      this.logger.error({ err: error, mediaId: media.id }, 'media.processed not published');
    });
    return toMediaDto(media);
  }

  private receive(request: IncomingMessage, purpose: MediaPurpose, key: string): Promise<Stored> {
    const rule = MEDIA_RULES[purpose];
    return new Promise<Stored>((resolve, reject) => {
      let form: busboy.Busboy;
      try {
        form = busboy({
          headers: request.headers,
          limits: { files: 1, fileSize: rule.maxBytes + 1, fields: 10, fieldSize: 1024, parts: 11, headerPairs: 50 },
        });
      } catch {
        reject(UploadErrors.notMultipartForm());
        return;
      }
      let stored: Promise<Stored> | undefined;
      let current: Readable | undefined;
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        request.unpipe(form);
        const reason = error instanceof Error ? error : new Error(String(error));
        // The file stream gets no more bytes: end it with the error so the S3 upload is aborted.
        current?.destroy(reason);
        reject(reason instanceof TooLargeError ? MediaErrors.tooLarge(purpose, rule.maxBytes) : reason);
      };
      form.on('file', (name, file, info) => {
        if (name !== 'file' || stored) {
          file.resume();
          fail(stored ? UploadErrors.tooManyFiles() : UploadErrors.fileMissing());
          return;
        }
        current = file;
        // Its errors reach the upload through the pipes below; this keeps an early one from going unhandled.
        file.on('error', () => undefined);
        // Once the file is refused nothing more is read: the client is answered now, not after its last byte.
        stored = this.store(file, info.mimeType, purpose, key, () => request.unpipe(form));
        stored.catch(fail);
      });
      form.on('filesLimit', () => fail(UploadErrors.tooManyFiles()));
      form.on('partsLimit', () => fail(UploadErrors.tooManyFiles()));
      form.on('error', (error: Error) => fail(new DomainError('UPLOAD_FORM_INVALID', 400, error.message)));
      form.on('close', () => {
        if (!stored) fail(UploadErrors.fileMissing());
        else stored.then((value) => !settled && ((settled = true), resolve(value)), fail);
      });
      request.on('close', () => {
        if (!request.complete) fail(new DomainError('UPLOAD_ABORTED', 400, 'The client aborted the upload'));
      });
      const minRate = this.config.get('STREAM_MIN_BYTES_PER_SECOND');
      const rate = new MinimumRate(request, minRate, this.config.get('STREAM_MIN_RATE_WINDOW_MS'), () =>
        fail(UploadErrors.tooSlow(minRate)),
      );
      form.on('close', () => rate.stop());
      request.on('close', () => rate.stop());
      request.pipe(form);
    });
  }

  /**
   * Checks and stores one file stream; on any failure every object it started is removed. `stopReading`
   * is called as soon as the bytes are refused (size limit, corrupt image).
   */
  private async store(
    file: Readable,
    declared: string,
    purpose: MediaPurpose,
    key: string,
    stopReading: () => void,
  ): Promise<Stored> {
    const rule = MEDIA_RULES[purpose];
    assertAccepted(purpose, declared);
    const limit = new SizeLimit(rule.maxBytes);
    // busboy stops the file at its fileSize limit (one byte past ours): the upload fails whatever error
    // the S3 upload then reports, so the flag decides the answer.
    let overLimit = false;
    file.on('limit', () => {
      overLimit = true;
      limit.destroy(new TooLargeError(rule.maxBytes));
    });
    limit.on('error', stopReading);
    const { head, stream } = await peek(file, SNIFF_BYTES);
    const actual = await sniffContentType(head);
    if (actual !== declared) {
      stream.destroy();
      file.resume();
      throw MediaErrors.typeMismatch(declared, actual);
    }
    stream.on('error', (error) => limit.destroy(error));
    stream.pipe(limit);
    const original = new PassThrough();
    limit.on('error', (error) => original.destroy(error));
    limit.pipe(original);
    const resize = isImage(declared) && rule.variants.length > 0 ? new PassThrough() : undefined;
    if (resize) {
      limit.on('error', (error) => resize.destroy(error));
      limit.pipe(resize);
    }
    const upload = this.storage.streamUpload({
      key,
      body: original,
      contentType: declared,
      partSize: this.config.get('STREAM_PART_SIZE_BYTES'),
      queueSize: this.config.get('STREAM_QUEUE_SIZE'),
    });
    const variantsDone: Promise<VariantSet | undefined> = resize
      ? this.maker.fromStream(resize, key, rule.variants)
      : Promise.resolve(undefined);
    // A file that cannot be resized is refused: stop sending its original too.
    variantsDone.catch((error: Error) => original.destroy(error));
    // Both settle before any cleanup, so no upload is still in flight when its objects are deleted.
    const [uploaded, resized] = await Promise.allSettled([upload.done(), variantsDone]);
    if (uploaded.status === 'fulfilled' && resized.status === 'fulfilled') {
      return { key, contentType: declared, size: limit.bytes, variants: resized.value };
    }
    const error: unknown = resized.status === 'rejected' ? resized.reason : (uploaded as PromiseRejectedResult).reason;
    await this.storage.delete(key, ...rule.variants.map((v) => variantKey(key, v.name))).catch(() => undefined);
    this.logger.warn({ key, reason: (error as Error).message }, 'streamed upload discarded');
    if (overLimit || limit.exceeded || error instanceof TooLargeError) throw new TooLargeError(rule.maxBytes);
    if (error instanceof DomainError) throw error;
    const code = processingErrorCode(error);
    if (resized.status === 'rejected' && code !== ProcessingErrorCode.STORAGE) throw MediaErrors.unprocessable(code);
    throw UploadErrors.storageFailed();
  }
}
