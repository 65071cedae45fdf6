import { ApiPropertyOptional } from '@nestjs/swagger';
import { mediaPurpose, type MediaPurpose } from '@prodvor/contracts';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { IsIn, IsOptional } from 'class-validator';

export class ListMediaQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ enum: mediaPurpose.options })
  @IsOptional()
  @IsIn(mediaPurpose.options)
  purpose?: MediaPurpose;
}
