import type { Media } from './media.model';
import type { MediaDto } from './dto/media.dto';
import { variantsOf } from './media.repository';

export function toMediaDto(media: Media): MediaDto {
  return {
    id: media.id,
    ownerId: media.ownerId,
    purpose: media.purpose,
    contentType: media.contentType,
    size: Number(media.size),
    status: media.status,
    width: media.width,
    height: media.height,
    durationMs: media.durationMs,
    videoCodec: media.videoCodec,
    failureCode: media.failureCode,
    variants: variantsOf(media).map(({ name, width, height, bytes, contentType }) => ({
      name,
      width,
      height,
      bytes,
      contentType,
    })),
    createdAt: media.createdAt.toISOString(),
  };
}
