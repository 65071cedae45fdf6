import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { mediaPurpose, type MediaPurpose } from '@prodvor/contracts';

export class MediaVariantDto {
  @ApiProperty({ example: 'avatar-200' })
  name!: string;

  @ApiProperty()
  width!: number;

  @ApiProperty()
  height!: number;

  @ApiProperty()
  bytes!: number;

  @ApiProperty({ example: 'image/webp' })
  contentType!: string;

  @ApiPropertyOptional({ description: 'Presigned GET, short-lived (only on single-media reads)' })
  url?: string;
}

export class MediaDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  ownerId!: string;

  @ApiProperty({ enum: mediaPurpose.options })
  purpose!: MediaPurpose;

  @ApiProperty()
  contentType!: string;

  @ApiProperty()
  size!: number;

  @ApiProperty({ enum: ['processing', 'ready', 'failed'] })
  status!: 'processing' | 'ready' | 'failed';

  @ApiPropertyOptional({ nullable: true, type: Number })
  width!: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  height!: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Videos: length in milliseconds (ffprobe)' })
  durationMs!: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Videos: codec of the video stream (ffprobe)' })
  videoCodec!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why processing failed' })
  failureCode!: string | null;

  @ApiProperty({ type: [MediaVariantDto] })
  variants!: MediaVariantDto[];

  @ApiPropertyOptional({
    description:
      'Presigned GET of the original (only on single-media reads). Of images with variants only the owner and ' +
      'moderators get it: originals keep their EXIF/GPS metadata, the WebP variants do not',
  })
  originalUrl?: string;

  @ApiProperty()
  createdAt!: string;
}

export class MediaListDto {
  @ApiProperty({ type: [MediaDto] })
  items!: MediaDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class StorageUsageDto {
  @ApiProperty()
  bytes!: number;

  @ApiProperty()
  objects!: number;

  @ApiProperty()
  maxBytes!: number;

  @ApiProperty()
  maxObjects!: number;
}
