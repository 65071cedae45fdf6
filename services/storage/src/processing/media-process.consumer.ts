import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { eventEnvelopeSchema, mediaProcessData, Queues } from '@prodvor/contracts';
import { AppConfig, RabbitMqService } from '@prodvor/platform';
import type { StorageConfig } from '../config/storage.config';
import { MediaProcessingService } from './media-processing.service';

const mediaProcessEnvelope = eventEnvelopeSchema('media.process', mediaProcessData);

/** `storage.media-process`: bounded retries through `.retry`, then `.dlq` (platform RabbitJobs). */
@Injectable()
export class MediaProcessConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly processing: MediaProcessingService,
    private readonly config: AppConfig<StorageConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const maxAttempts = this.config.get('MEDIA_JOB_MAX_ATTEMPTS');
    await this.rabbit.jobs.subscribe({
      queue: Queues.storageMediaProcess,
      schema: mediaProcessEnvelope,
      maxAttempts,
      handle: (envelope, context) =>
        this.processing.process(envelope.data, {
          attempt: context.attempt,
          maxAttempts,
          correlationId: envelope.correlationId,
        }),
    });
  }
}
