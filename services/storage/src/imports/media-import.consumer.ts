import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { eventEnvelopeSchema, mediaImportData, Queues } from '@prodvor/contracts';
import { AppConfig, RabbitMqService } from '@prodvor/platform';
import type { StorageConfig } from '../config/storage.config';
import { ImportRunner } from './import-runner.service';

const mediaImportEnvelope = eventEnvelopeSchema('media.import', mediaImportData);

/** `storage.media-import`: per-file failures are results; only a failure of the whole batch is retried. */
@Injectable()
export class MediaImportConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly runner: ImportRunner,
    private readonly config: AppConfig<StorageConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rabbit.jobs.subscribe({
      queue: Queues.storageMediaImport,
      schema: mediaImportEnvelope,
      maxAttempts: this.config.get('MEDIA_JOB_MAX_ATTEMPTS'),
      handle: (envelope) => this.runner.run(envelope.data, envelope.correlationId),
    });
  }
}
