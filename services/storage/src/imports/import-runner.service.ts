import { S3ServiceException } from '@aws-sdk/client-s3';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { MediaPurpose } from '@prodvor/contracts';
import { AppConfig, Clock, parseCidrs, SafeFetcher } from '@prodvor/platform';
import { v5 as uuidv5 } from 'uuid';
import { mapWithConcurrency } from '../common/concurrency';
import { peek, SizeLimit, TooLargeError } from '../common/stream-helpers';
import type { StorageConfig } from '../config/storage.config';
import { TransactionRunner } from '../database/transaction-runner';
import { SNIFF_BYTES, sniffContentType } from '../media/content-sniffer';
import { MediaIntakeService } from '../media/media-intake.service';
import { MEDIA_RULES, originalKey } from '../media/media-rules';
import { MediaRepository } from '../media/media.repository';
import { StorageUsageRepository } from '../media/storage-usage.repository';
import { MediaJobsPublisher } from '../processing/media-jobs.publisher';
import { ObjectStorage } from '../s3/object-storage';
import { ImportError, importErrorOf } from './import-error';
import type { Media } from '../media/media.model';
import type { ImportResultDto } from './dto/import.dto';
import { ImportsRepository } from './imports.repository';

/** Media ids of an import are derived from the batch and position, so a redelivered job finds its own files. */
const IMPORT_NAMESPACE = '1b671a64-40d5-491e-99b0-da01ff1f3341';
const PART_SIZE = 5 * 1024 * 1024;

interface StoredFile {
  key: string;
  contentType: string;
  size: number;
}

const quotaExceeded = () => new ImportError('QUOTA_EXCEEDED', 'storage quota exceeded');

export interface ImportJob {
  batchId: string;
  requestedBy: string;
  purpose: MediaPurpose;
  urls: string[];
}

/**
 * Runs one import batch: downloads up to IMPORT_CONCURRENCY URLs at a time through the SSRF-safe
 * fetcher, checks size and sniffed type against the purpose's rules while streaming into S3, records
 * each file as media, and publishes one `media.import.completed` with a result per URL.
 */
@Injectable()
export class ImportRunner implements OnApplicationShutdown {
  private readonly logger = new Logger(ImportRunner.name);
  private readonly fetcher: SafeFetcher;

  constructor(
    private readonly imports: ImportsRepository,
    private readonly media: MediaRepository,
    private readonly usage: StorageUsageRepository,
    private readonly intake: MediaIntakeService,
    private readonly storage: ObjectStorage,
    private readonly publisher: MediaJobsPublisher,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig<StorageConfig>,
    private readonly clock: Clock,
  ) {
    this.fetcher = new SafeFetcher({
      allowed: parseCidrs(config.get('IMPORT_ALLOWED_PRIVATE_CIDRS')),
      timeoutMs: config.get('IMPORT_TIMEOUT_MS'),
      maxRedirects: config.get('IMPORT_MAX_REDIRECTS'),
      allowedPorts: config.get('IMPORT_ALLOWED_PORTS'),
      userAgent: 'ProDvor-Importer/1.0',
    });
  }

  async run(job: ImportJob, correlationId: string): Promise<void> {
    const batch = await this.imports.find(job.batchId);
    if (!batch) return;
    // A retry after the results were stored: their message may be what failed, so it is sent again.
    if (batch.status === 'completed') {
      await this.publishCompleted(job, batch.results as ImportResultDto[], correlationId);
      return;
    }
    // Per-file failures are results; a broker or database failure fails the job (it is retried),
    // once every file has run, so the retry finds the ones already stored.
    const failures: unknown[] = [];
    const results = await mapWithConcurrency(job.urls, this.config.get('IMPORT_CONCURRENCY'), (url, index) =>
      this.importOne(job, url, uuidv5(`${job.batchId}:${index}`, IMPORT_NAMESPACE), correlationId).catch(
        (error: unknown) => {
          failures.push(error);
          return undefined;
        },
      ),
    );
    if (failures.length > 0) throw failures[0];
    const stored = results.filter((result): result is ImportResultDto => result !== undefined);
    await this.imports.complete(job.batchId, stored, this.clock.now());
    await this.publishCompleted(job, stored, correlationId);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.fetcher.close();
  }

  private publishCompleted(job: ImportJob, results: ImportResultDto[], correlationId: string): Promise<void> {
    return this.publisher.publish(
      'media.import.completed',
      job.batchId,
      { batchId: job.batchId, requestedBy: job.requestedBy, results },
      correlationId,
    );
  }

  private async importOne(
    job: ImportJob,
    url: string,
    mediaId: string,
    correlationId: string,
  ): Promise<ImportResultDto> {
    const ok = { url, status: 'ok' as const, mediaId };
    const existing = await this.media.find(mediaId);
    if (existing) {
      // Stored by an earlier attempt whose job or message may have been lost: announced again.
      if (existing.status !== 'failed') await this.intake.announce(existing, correlationId);
      return ok;
    }
    const room = await this.roomLeft(job.requestedBy);
    if (room <= 0) return this.failed(url, quotaExceeded());
    const signal = AbortSignal.timeout(this.config.get('IMPORT_TIMEOUT_MS'));
    let stored: StoredFile;
    try {
      stored = await this.download(job, url, mediaId, signal, room);
    } catch (error) {
      return this.failed(url, this.classify(error, signal));
    }
    const media = await this.record(job, mediaId, stored);
    if (!media) return this.failed(url, quotaExceeded());
    // Not a per-file code: a broker failure fails the job, whose retry finds the media and announces it.
    await this.intake.announce(media, correlationId);
    return ok;
  }

  private failed(url: string, failure: ImportError): ImportResultDto {
    this.logger.warn({ url, code: failure.code, reason: failure.message }, 'import of a file failed');
    return { url, status: 'error', code: failure.code };
  }

  /**
   * Bytes the owner may still store (0 when the bytes or the objects are used up), checked before
   * anything is downloaded. Files downloaded at once each see the same room; the reservation decides.
   */
  private async roomLeft(ownerId: string): Promise<number> {
    const limits = this.limits();
    const used = await this.usage.usage(ownerId);
    return used.objects >= limits.objects ? 0 : Math.max(limits.bytes - used.bytes, 0);
  }

  /**
   * Reserves the quota and records the media in one transaction (null when the quota is used up
   * meanwhile); the object is deleted unless it became media.
   */
  private async record(job: ImportJob, mediaId: string, stored: StoredFile): Promise<Media | null> {
    let media: Media | null = null;
    try {
      media = await this.transactions.run(async (tx) => {
        if (!(await this.usage.reserve(job.requestedBy, stored.size, this.limits(), tx))) return null;
        return this.intake.record(tx, { id: mediaId, ownerId: job.requestedBy, purpose: job.purpose, ...stored });
      });
      return media;
    } finally {
      if (!media) await this.storage.delete(stored.key).catch(() => undefined);
    }
  }

  private async download(
    job: ImportJob,
    url: string,
    mediaId: string,
    signal: AbortSignal,
    room: number,
  ): Promise<StoredFile> {
    const rule = MEDIA_RULES[job.purpose];
    // Bounded by the purpose and by the quota left: a file past either is cut off while it streams.
    const maxBytes = Math.min(rule.maxBytes, room);
    const file = await this.fetcher.fetch(url, signal);
    if (file.contentLength !== undefined && file.contentLength > maxBytes) {
      file.body.destroy();
      if (file.contentLength > rule.maxBytes)
        throw new ImportError('TOO_LARGE', `declared ${file.contentLength} bytes`);
      throw quotaExceeded();
    }
    const { head, stream } = await peek(file.body, SNIFF_BYTES);
    const contentType = await sniffContentType(head);
    if (!contentType || !rule.contentTypes.includes(contentType)) {
      // The download itself is ended too: a paused body would hold its connection open.
      stream.destroy();
      file.body.destroy();
      throw new ImportError('UNSUPPORTED_TYPE', `${contentType ?? 'unknown type'} is not accepted for ${job.purpose}`);
    }
    const limit = new SizeLimit(maxBytes);
    stream.on('error', (error) => limit.destroy(error));
    stream.pipe(limit);
    const key = originalKey(job.purpose, job.requestedBy, mediaId);
    const upload = this.storage.streamUpload({ key, body: limit, contentType, partSize: PART_SIZE, queueSize: 4 });
    try {
      await upload.done();
    } catch (error) {
      stream.destroy();
      file.body.destroy();
      await this.storage.delete(key).catch(() => undefined);
      // The upload may report the aborted multipart upload rather than the limit that caused it.
      if (!limit.exceeded) throw error;
      throw maxBytes < rule.maxBytes ? quotaExceeded() : new TooLargeError(rule.maxBytes);
    }
    return { key, contentType, size: limit.bytes };
  }

  private classify(error: unknown, signal: AbortSignal): ImportError {
    if (error instanceof ImportError) return error;
    if (error instanceof TooLargeError) return new ImportError('TOO_LARGE', error.message);
    // The deadline ends the download; what S3 then says about the aborted upload is not the cause.
    if (error instanceof S3ServiceException) return new ImportError('STORAGE_ERROR', error.name);
    return importErrorOf(this.fetcher.translate(error, signal));
  }

  private limits() {
    return { bytes: this.config.get('QUOTA_BYTES_PER_USER'), objects: this.config.get('QUOTA_OBJECTS_PER_USER') };
  }
}
