import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { eventEnvelopeSchema, mediaProcessedData } from '@prodvor/contracts';
import { Clock, RabbitMqService } from '@prodvor/platform';
import { MediaAssetsRepository } from './media-assets.repository';
import { CHAT_MEDIA_RESULTS_QUEUE } from './media-results.topology';

const mediaProcessedEnvelope = eventEnvelopeSchema('media.processed', mediaProcessedData);

/**
 * Consumes `chat.media-results`: every processed upload with its owner, so the send path can check that
 * a message's attachments are its sender's own media without calling storage-service. The write is
 * idempotent; a message that does not parse goes to the DLQ at once, a failing write is retried (bounded).
 */
@Injectable()
export class MediaResultsConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly assets: MediaAssetsRepository,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rabbit.jobs.subscribe({
      queue: CHAT_MEDIA_RESULTS_QUEUE,
      schema: mediaProcessedEnvelope,
      maxAttempts: 5,
      handle: async ({ data }) => {
        await this.assets.record({
          mediaId: data.mediaId,
          ownerId: data.ownerId,
          purpose: data.purpose,
          receivedAt: this.clock.now(),
        });
      },
    });
  }
}
