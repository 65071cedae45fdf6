import { S3ServiceException } from '@aws-sdk/client-s3';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { MediaPurpose } from '@prodvor/contracts';
import { AppConfig } from '@prodvor/platform';
import { v5 as uuidv5 } from 'uuid';
import { Clock } from '../common/clock';
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
import { parseCidrs } from './address-policy';
import { ImportError } from './import-error';
import type { ImportResultDto } from './dto/import.dto';
import { ImportsRepository } from './imports.repository';
import { SafeFetcher } from './safe-fetcher';

/** Media ids of an import are derived from the batch and position, so a redelivered job finds its own files. */
const IMPORT_NAMESPACE = '1b671a64-40d5-491e-99b0-da01ff1f3341';
const PART_SIZE = 5 * 1024 * 1024;

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
    });
  }

  async run(job: ImportJob, correlationId: string): Promise<void> {
    const batch = await this.imports.find(job.batchId);
    if (!batch || batch.status === 'completed') return;
    const results = await mapWithConcurrency(job.urls, this.config.get('IMPORT_CONCURRENCY'), (url, index) =>
      this.importOne(job, url, uuidv5(`${job.batchId}:${index}`, IMPORT_NAMESPACE), correlationId),
    );
    await this.imports.complete(job.batchId, results, this.clock.now());
    await this.publisher.publish(
      'media.import.completed',
      job.batchId,
      { batchId: job.batchId, requestedBy: job.requestedBy, results },
      correlationId,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.fetcher.close();
  }

  private async importOne(job: ImportJob, url: string, mediaId: string, correlationId: string) {
    if (await this.media.find(mediaId)) return { url, status: 'ok' as const, mediaId };
    const signal = AbortSignal.timeout(this.config.get('IMPORT_TIMEOUT_MS'));
    try {
      const stored = await this.download(job, url, mediaId, signal);
      if (!(await this.usage.reserve(job.requestedBy, stored.size, this.limits()))) {
        await this.storage.delete(stored.key);
        throw new ImportError('QUOTA_EXCEEDED', 'storage quota exceeded');
      }
      const media = await this.transactions.run((tx) =>
        this.intake.record(tx, { id: mediaId, ownerId: job.requestedBy, purpose: job.purpose, ...stored }),
      );
      await this.intake.announce(media, correlationId);
      return { url, status: 'ok' as const, mediaId };
    } catch (error) {
      const failure = this.classify(error, signal);
      this.logger.warn({ url, code: failure.code, reason: failure.message }, 'import of a file failed');
      const result: ImportResultDto = { url, status: 'error', code: failure.code };
      if (failure.httpStatus) result.httpStatus = failure.httpStatus;
      return result;
    }
  }

  private async download(job: ImportJob, url: string, mediaId: string, signal: AbortSignal) {
    const rule = MEDIA_RULES[job.purpose];
    const file = await this.fetcher.fetch(url, signal);
    if (file.contentLength !== undefined && file.contentLength > rule.maxBytes) {
      file.body.destroy();
      throw new ImportError('TOO_LARGE', `declared ${file.contentLength} bytes`);
    }
    const { head, stream } = await peek(file.body, SNIFF_BYTES);
    const contentType = await sniffContentType(head);
    if (!contentType || !rule.contentTypes.includes(contentType)) {
      // The download itself is ended too: a paused body would hold its connection open.
      stream.destroy();
      file.body.destroy();
      throw new ImportError('UNSUPPORTED_TYPE', `${contentType ?? 'unknown type'} is not accepted for ${job.purpose}`);
    }
    const limit = new SizeLimit(rule.maxBytes);
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
      // lib-storage may report the aborted multipart upload rather than the limit that caused it.
      throw limit.exceeded ? new TooLargeError(rule.maxBytes) : error;
    }
    return { key, contentType, size: limit.bytes };
  }

  private classify(error: unknown, signal: AbortSignal): ImportError {
    if (error instanceof ImportError) return error;
    if (error instanceof TooLargeError) return new ImportError('TOO_LARGE', error.message);
    // The deadline ends the download; what S3 then says about the aborted upload is not the cause.
    if (signal.aborted) return new ImportError('TIMEOUT', 'download timed out');
    if (error instanceof S3ServiceException) return new ImportError('STORAGE_ERROR', error.name);
    return this.fetcher.translate(error, signal);
  }

  private limits() {
    return { bytes: this.config.get('QUOTA_BYTES_PER_USER'), objects: this.config.get('QUOTA_OBJECTS_PER_USER') };
  }
}
