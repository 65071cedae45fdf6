import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { mediaPurpose, type MediaPurpose } from '@prodvor/contracts';
import { IsIn, IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';

export class CreateUploadDto {
  @ApiProperty({ enum: mediaPurpose.options })
  @IsIn(mediaPurpose.options)
  purpose!: MediaPurpose;

  @ApiProperty({ example: 'image/jpeg', description: 'Must be accepted for the purpose; verified on completion' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/)
  contentType!: string;

  @ApiProperty({ description: 'Exact size in bytes; the presigned request only accepts this size' })
  @IsInt()
  @Min(1)
  size!: number;
}

export class UploadRequestDto {
  @ApiProperty({ enum: ['PUT'] })
  method!: 'PUT';

  @ApiProperty({
    description: 'Presigned PUT to a staging object; completion verifies it and copies it to the media key',
  })
  url!: string;

  @ApiProperty({ description: 'Send exactly these headers: they are part of the signature' })
  headers!: Record<string, string>;
}

export class UploadTicketDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: '{purpose}/{ownerId}/{uuid}: where the media lives once the upload is completed' })
  key!: string;

  @ApiProperty({ enum: mediaPurpose.options })
  purpose!: MediaPurpose;

  @ApiProperty()
  contentType!: string;

  @ApiProperty()
  size!: number;

  @ApiProperty({ enum: ['single', 'multipart'] })
  mode!: 'single' | 'multipart';

  @ApiProperty({ description: 'Complete before this time, or the upload is discarded' })
  expiresAt!: string;

  @ApiPropertyOptional({ type: UploadRequestDto, description: 'single mode: the presigned PUT' })
  request?: UploadRequestDto;

  @ApiPropertyOptional({ description: 'multipart mode: bytes of every part but the last' })
  partSize?: number;

  @ApiPropertyOptional({ description: 'multipart mode: number of parts' })
  partCount?: number;
}
