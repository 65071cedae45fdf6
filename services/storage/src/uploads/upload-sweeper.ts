import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig, Clock } from '@prodvor/platform';
import type { StorageConfig } from '../config/storage.config';
import { ObjectStorage } from '../s3/object-storage';
import { STAGING_PREFIX, uploadIdOfStagingKey } from './upload-policy';
import { UploadsRepository } from './uploads.repository';
import { UploadsService } from './uploads.service';

const BATCH = 100;

/**
 * Cleans up uploads that were never completed: once past their deadline their object (or open
 * multipart upload) is deleted and the quota they reserved is released. Then every staging object
 * whose upload is no longer pending (completed, aborted, rejected, expired, or forgotten with its
 * deleted user) is deleted: a presigned PUT can be repeated until it expires, and what it writes
 * after its upload ended belongs to no media and no quota. Several instances may sweep at once:
 * deletion is idempotent and only one of them finishes each upload.
 */
@Injectable()
export class UploadSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UploadSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly uploads: UploadsRepository,
    private readonly uploadsService: UploadsService,
    private readonly storage: ObjectStorage,
    private readonly config: AppConfig<StorageConfig>,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep().catch(() => undefined),
      this.config.get('UPLOAD_SWEEP_INTERVAL_MS'),
    );
    this.timer.unref();
  }

  // First shutdown phase: a pass in progress finishes while the database and S3 are still open.
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many uploads it expired (staging objects deleted are logged). */
  sweep(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    let expired = 0;
    for (const upload of await this.uploads.expired(this.clock.now(), BATCH)) {
      try {
        if (await this.uploadsService.discard(upload, 'expired')) expired += 1;
      } catch (error) {
        this.logger.error({ err: error, uploadId: upload.id }, 'expired upload not cleaned up, next pass retries');
      }
    }
    if (expired > 0) this.logger.log({ expired }, 'expired uploads cleaned up');
    await this.sweepStaging().catch((error: unknown) => {
      this.logger.error({ err: error }, 'staging objects not swept, next pass retries');
    });
    return expired;
  }

  /** A staging object is written only through a URL issued after its upload row: no row, no keeping. */
  private async sweepStaging(): Promise<void> {
    let deleted = 0;
    for await (const keys of this.storage.keyPages(STAGING_PREFIX)) {
      const ids = keys.flatMap((key) => uploadIdOfStagingKey(key) ?? []);
      const pending = await this.uploads.pendingAmong(ids);
      const stale = keys.filter((key) => {
        const id = uploadIdOfStagingKey(key);
        return !id || !pending.has(id);
      });
      await this.storage.delete(...stale);
      deleted += stale.length;
    }
    if (deleted > 0) this.logger.log({ deleted }, 'staging objects of ended uploads deleted');
  }
}
