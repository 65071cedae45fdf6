import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class PresignPartsDto {
  @ApiPropertyOptional({ type: [Number], description: 'Part numbers to sign (1-based); all parts when omitted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(10_000, { each: true })
  partNumbers?: number[];
}

export class PresignedPartDto {
  @ApiProperty()
  partNumber!: number;

  @ApiProperty({ description: 'Exact Content-Length this part must have (signed)' })
  size!: number;

  @ApiProperty()
  url!: string;
}

export class PresignedPartsDto {
  @ApiProperty({ type: [PresignedPartDto] })
  parts!: PresignedPartDto[];

  @ApiProperty()
  expiresAt!: string;
}

export class CompletedPartDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(10_000)
  partNumber!: number;

  @ApiProperty({ description: 'The ETag S3 answered the part upload with' })
  @IsString()
  @MaxLength(200)
  etag!: string;
}

export class CompleteUploadDto {
  @ApiPropertyOptional({ type: [CompletedPartDto], description: 'multipart mode only: every part, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => CompletedPartDto)
  parts?: CompletedPartDto[];
}
