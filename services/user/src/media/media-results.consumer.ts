import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { eventEnvelopeSchema, mediaFailedData, mediaProcessedData, Queues } from '@prodvor/contracts';
import { Clock, RabbitMqService } from '@prodvor/platform';
import { PublicProfileCache } from '../profiles/public-profile.cache';
import { MediaResultsRepository } from './media-results.repository';

const mediaResultEnvelope = eventEnvelopeSchema('media.processed', mediaProcessedData).or(
  eventEnvelopeSchema('media.failed', mediaFailedData),
);

/**
 * Consumes `user.media-results`: avatar variants produced by storage-service. Results are kept by media
 * id with their owner; a profile shows them only for media its own user owns.
 */
@Injectable()
export class MediaResultsConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly results: MediaResultsRepository,
    private readonly cache: PublicProfileCache,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rabbit.jobs.subscribe({
      queue: Queues.userMediaResults,
      schema: mediaResultEnvelope,
      maxAttempts: 5,
      handle: async (envelope) => {
        const { data } = envelope;
        if (data.purpose !== 'avatar') return;
        await this.results.save({
          mediaId: data.mediaId,
          ownerId: data.ownerId,
          status: envelope.type === 'media.processed' ? 'processed' : 'failed',
          variants:
            'variants' in data
              ? data.variants.map((v) => ({ name: v.name, key: v.key, width: v.width, height: v.height }))
              : [],
          receivedAt: this.clock.now(),
        });
        await this.cache.invalidate(data.ownerId);
      },
    });
  }
}
