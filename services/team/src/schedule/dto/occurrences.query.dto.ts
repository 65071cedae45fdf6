import { ApiProperty } from '@nestjs/swagger';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { IsISO8601 } from 'class-validator';

/** Occurrences overlapping [from, to): a window of at most 92 days, paged. */
export class OccurrencesQueryDto extends CursorPaginationQueryDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'At most 92 days after from' })
  @IsISO8601({ strict: true })
  to!: string;
}
