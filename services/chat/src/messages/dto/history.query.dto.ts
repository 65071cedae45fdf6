import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { IsOptional, IsString, Length } from 'class-validator';

export class HistoryQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ description: 'Words to search for in this room (deleted messages are not searched)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}
