import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import { Clock } from '../common/clock';
import type { StorageConfig } from '../config/storage.config';
import { UploadsRepository } from './uploads.repository';
import { UploadsService } from './uploads.service';

const BATCH = 100;

/**
 * Cleans up uploads that were never completed: once past their deadline their object (or open
 * multipart upload) is deleted and the quota they reserved is released. Several instances may sweep
 * at once: deletion is idempotent and only one of them finishes each upload.
 */
@Injectable()
export class UploadSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UploadSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly uploads: UploadsRepository,
    private readonly uploadsService: UploadsService,
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

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many uploads it expired. */
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
    return expired;
  }
}
