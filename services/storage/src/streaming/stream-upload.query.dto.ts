import { ApiProperty } from '@nestjs/swagger';
import { mediaPurpose, type MediaPurpose } from '@prodvor/contracts';
import { IsIn } from 'class-validator';

export class StreamUploadQueryDto {
  @ApiProperty({ enum: mediaPurpose.options })
  @IsIn(mediaPurpose.options)
  purpose!: MediaPurpose;
}
