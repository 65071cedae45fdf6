import { Injectable } from '@nestjs/common';
import type { Media } from '../media/media.model';
import { VIDEO_POSTER } from '../media/media-rules';
import type { StoredVariant } from '../media/media.repository';
import { ObjectStorage } from '../s3/object-storage';
import { ImageVariantMaker, ProcessingError, ProcessingErrorCode } from './image-variants';
import { VideoTools, type VideoInfo } from './video-tools';

/** ffprobe and ffmpeg read the original through this short-lived presigned GET on the internal endpoint (ranged reads, no download). */
const READ_URL_TTL_SECONDS = 300;
const POSTER_AT_MS = 1000;

export interface ProcessedVideo {
  info: VideoInfo;
  variants: StoredVariant[];
}

/**
 * A video's metadata (ffprobe) and a WebP `poster` made of one frame (ffmpeg → PNG → the sharp
 * variant pipeline, so it is stored like any other variant). Null when ffprobe is not installed.
 */
@Injectable()
export class VideoPosterMaker {
  constructor(
    private readonly tools: VideoTools,
    private readonly maker: ImageVariantMaker,
    private readonly storage: ObjectStorage,
  ) {}

  async fromStorage(media: Media): Promise<ProcessedVideo | null> {
    if (!(await this.tools.available())) return null;
    if (!(await this.storage.head(media.key))) {
      throw new ProcessingError(ProcessingErrorCode.ORIGINAL_MISSING, 'original object is missing');
    }
    const url = await this.storage.presignInternalGet(media.key, READ_URL_TTL_SECONDS);
    const info = await this.tools.probe(url, media.contentType);
    const at = info.durationMs === null ? 0 : Math.min(POSTER_AT_MS, Math.floor(info.durationMs / 2));
    const frame = this.tools.frame(url, media.contentType, at);
    try {
      const poster = await this.maker.fromStream(frame, media.key, [VIDEO_POSTER]);
      return { info, variants: poster.variants };
    } catch (error) {
      // ffmpeg's own failure (exit code, timeout) says more than what sharp made of the cut-off input.
      const cause: unknown = frame.errored ?? error;
      frame.destroy();
      throw cause;
    }
  }
}
