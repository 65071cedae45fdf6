import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { StoredVariant } from '../media/media.repository';
import type { VideoInfo } from './video-tools';

/** The video half of marking media ready: its probed metadata and poster in one update. */
@Injectable()
export class VideoMediaRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** False when the media was deleted meanwhile. */
  async markReady(id: string, variants: StoredVariant[], info: VideoInfo): Promise<boolean> {
    const { count } = await this.prisma.media.updateMany({
      where: { id },
      data: {
        status: 'ready',
        variants: variants as unknown as Prisma.InputJsonValue,
        width: info.width,
        height: info.height,
        durationMs: info.durationMs,
        videoCodec: info.codec,
        failureCode: null,
      },
    });
    return count === 1;
  }
}
