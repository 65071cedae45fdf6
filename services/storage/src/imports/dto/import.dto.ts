import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { mediaImportErrorCode, mediaPurpose, type MediaPurpose } from '@prodvor/contracts';
import type { MediaImportErrorCode } from '../import-error';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsUrl, MaxLength } from 'class-validator';

export class CreateImportDto {
  @ApiProperty({ enum: mediaPurpose.options })
  @IsIn(mediaPurpose.options)
  purpose!: MediaPurpose;

  @ApiProperty({ type: [String], maxItems: 100, description: 'http(s) URLs of the files to import' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @MaxLength(2048, { each: true })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true })
  urls!: string[];
}

export class ImportResultDto {
  @ApiProperty()
  url!: string;

  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiPropertyOptional({ format: 'uuid' })
  mediaId?: string;

  @ApiPropertyOptional({ enum: mediaImportErrorCode.options })
  code?: MediaImportErrorCode;
}

export class ImportBatchDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: mediaPurpose.options })
  purpose!: MediaPurpose;

  @ApiProperty({ enum: ['queued', 'completed'] })
  status!: 'queued' | 'completed';

  @ApiProperty()
  urlCount!: number;

  @ApiPropertyOptional({ type: [ImportResultDto], description: 'Per-file results once completed' })
  results?: ImportResultDto[];

  @ApiProperty()
  createdAt!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  completedAt!: string | null;
}
