import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { POSITIONS } from '../profile-fields';

export class SearchProfilesQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ description: 'Part of the display name or username (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  q?: string;

  @ApiPropertyOptional({ description: 'City (case-insensitive, exact)' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  city?: string;

  @ApiPropertyOptional({ enum: POSITIONS })
  @IsOptional()
  @IsIn(POSITIONS)
  position?: string;
}
