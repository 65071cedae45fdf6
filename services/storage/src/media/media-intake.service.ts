import { Injectable, Logger } from '@nestjs/common';
import type { MediaPurpose } from '@prodvor/contracts';
import type { Tx } from '../database/transaction-runner';
import type { Media } from './media.model';
import { MediaJobsPublisher } from '../processing/media-jobs.publisher';
import { isImage, isVideo, MEDIA_RULES } from './media-rules';
import { MediaRepository, variantsOf } from './media.repository';

export interface VerifiedObject {
  id: string;
  ownerId: string;
  purpose: MediaPurpose;
  key: string;
  contentType: string;
  size: number;
}

/**
 * Where a verified original becomes a media object: images of purposes with variants and videos of
 * purposes that probe them wait for the processing worker, everything else is ready at once.
 */
@Injectable()
export class MediaIntakeService {
  private readonly logger = new Logger(MediaIntakeService.name);

  constructor(
    private readonly media: MediaRepository,
    private readonly jobs: MediaJobsPublisher,
  ) {}

  needsProcessing(purpose: MediaPurpose, contentType: string): boolean {
    const rule = MEDIA_RULES[purpose];
    return isImage(contentType) ? rule.variants.length > 0 : isVideo(contentType) && rule.probeVideos === true;
  }

  record(tx: Tx, object: VerifiedObject): Promise<Media> {
    const status = this.needsProcessing(object.purpose, object.contentType) ? 'processing' : 'ready';
    return this.media.createOnce({ ...object, status }, tx);
  }

  /**
   * After the commit: queue the variant job, or tell consumers the media is ready as it is. A failed
   * publish is reported to the caller (the completion is repeatable and publishes again).
   */
  async announce(media: Media, correlationId: string): Promise<void> {
    const base = { mediaId: media.id, ownerId: media.ownerId, purpose: media.purpose };
    if (media.status === 'processing') {
      await this.jobs.publish(
        'media.process',
        media.id,
        { ...base, bucket: this.jobs.bucket, key: media.key, contentType: media.contentType },
        correlationId,
      );
    } else if (media.status === 'ready') {
      const variants = variantsOf(media).map(({ name, key, width, height, bytes, contentType }) => ({
        name,
        key,
        width,
        height,
        bytes,
        contentType,
      }));
      await this.jobs.publish('media.processed', media.id, { ...base, variants }, correlationId);
    } else {
      this.logger.warn({ mediaId: media.id }, 'failed media is not announced again');
    }
  }
}
