import { Injectable, Logger } from '@nestjs/common';
import type { MediaProcess } from '@prodvor/contracts';
import { MediaIntakeService } from '../media/media-intake.service';
import type { Media } from '../media/media.model';
import { isVideo, MEDIA_RULES } from '../media/media-rules';
import { MediaRepository } from '../media/media.repository';
import { ObjectStorage } from '../s3/object-storage';
import { ImageVariantMaker, processingErrorCode } from './image-variants';
import { MediaJobsPublisher } from './media-jobs.publisher';
import { VideoMediaRepository } from './video-media.repository';
import { VideoPosterMaker } from './video-poster';

export interface JobAttempt {
  attempt: number;
  maxAttempts: number;
  correlationId: string;
}

/**
 * Handles one `media.process` job. Repeatable: a job for media that is gone or failed does nothing,
 * one for media already processed only announces `media.processed` again (so a publish lost after
 * the commit is made up by the retry). A failure is thrown so the platform retries it; on the last
 * attempt the media is marked failed and `media.failed` is published before the job goes to the DLQ.
 */
@Injectable()
export class MediaProcessingService {
  private readonly logger = new Logger(MediaProcessingService.name);

  constructor(
    private readonly media: MediaRepository,
    private readonly maker: ImageVariantMaker,
    private readonly storage: ObjectStorage,
    private readonly publisher: MediaJobsPublisher,
    private readonly intake: MediaIntakeService,
    private readonly videos: VideoPosterMaker,
    private readonly videoMedia: VideoMediaRepository,
  ) {}

  async process(job: MediaProcess, attempt: JobAttempt): Promise<void> {
    const media = await this.media.find(job.mediaId);
    if (!media || media.status === 'failed') {
      this.logger.log({ mediaId: job.mediaId }, 'media gone or failed: job skipped');
      return;
    }
    if (media.status === 'ready') {
      // A redelivered job whose `media.processed` may not have been confirmed: announce it again
      // (at least once; consumers key results by media id).
      await this.intake.announce(media, attempt.correlationId);
      return;
    }
    const base = { mediaId: media.id, ownerId: media.ownerId, purpose: media.purpose };
    try {
      if (!(await this.make(media))) return;
    } catch (error) {
      if (attempt.attempt < attempt.maxAttempts) throw error;
      const code = processingErrorCode(error);
      await this.media.markFailed(media.id, code);
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await this.publisher.publish('media.failed', media.id, { ...base, code, message }, attempt.correlationId);
      throw error;
    }
    // A failed publish fails the job: its retry finds the media ready and announces it again.
    const ready = await this.media.find(media.id);
    if (ready) await this.intake.announce(ready, attempt.correlationId);
  }

  /** Makes and records the variants; false when the media was deleted meanwhile (nothing may keep its variants). */
  private async make(media: Media): Promise<boolean> {
    if (isVideo(media.contentType)) {
      const video = await this.videos.fromStorage(media);
      // Without ffprobe a video is kept as it came: type and size (logged once by VideoTools).
      if (!video) return this.media.markReady(media.id, [], {});
      if (await this.videoMedia.markReady(media.id, video.variants, video.info)) return true;
      await this.storage.delete(...video.variants.map((v) => v.key));
      return false;
    }
    const result = await this.maker.fromStorage(media.key, MEDIA_RULES[media.purpose].variants);
    if (await this.media.markReady(media.id, result.variants, result)) return true;
    await this.storage.delete(...result.variants.map((v) => v.key));
    return false;
  }
}
