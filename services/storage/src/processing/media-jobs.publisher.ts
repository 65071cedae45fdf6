import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Exchanges,
  RoutingKeys,
  type MediaProcess,
  type MediaProcessed,
  type mediaFailedData,
  type mediaImportCompletedData,
  type mediaImportData,
} from '@prodvor/contracts';
import { Clock, RabbitMqService } from '@prodvor/platform';
import { ObjectStorage } from '../s3/object-storage';
import type { z } from 'zod';

export const STORAGE_SERVICE = 'storage';

interface MediaMessages {
  'media.process': MediaProcess;
  'media.processed': MediaProcessed;
  'media.failed': z.infer<typeof mediaFailedData>;
  'media.import': z.infer<typeof mediaImportData>;
  'media.import.completed': z.infer<typeof mediaImportCompletedData>;
}

const ROUTING: Record<keyof MediaMessages, string> = {
  'media.process': RoutingKeys.mediaProcess,
  'media.processed': RoutingKeys.mediaProcessed,
  'media.failed': RoutingKeys.mediaFailed,
  'media.import': RoutingKeys.mediaImport,
  'media.import.completed': RoutingKeys.mediaImportCompleted,
};

/**
 * Jobs and results on the `media` exchange: persistent, confirmed by the broker, checked against
 * the contract before they leave.
 */
@Injectable()
export class MediaJobsPublisher {
  readonly bucket: string;

  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly clock: Clock,
    storage: ObjectStorage,
  ) {
    this.bucket = storage.bucket;
  }

  async publish<T extends keyof MediaMessages>(
    type: T,
    subject: string,
    data: MediaMessages[T],
    correlationId: string,
  ): Promise<void> {
    const envelope = createEnvelope({
      type,
      producer: STORAGE_SERVICE,
      subject,
      correlationId,
      data,
      now: this.clock.now(),
    });
    envelopeSchemaFor(type).parse(envelope);
    await this.rabbit.jobs.publish(Exchanges.media, ROUTING[type], envelope);
  }
}
