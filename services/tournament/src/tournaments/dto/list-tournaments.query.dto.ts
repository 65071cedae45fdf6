import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { TOURNAMENT_STATUSES, type TournamentStatus } from '../tournament.model';
import { SPORT_FORMATS, TOURNAMENT_FORMATS } from './create-tournament.dto';

export class ListTournamentsQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  q?: string;

  @ApiPropertyOptional({ enum: TOURNAMENT_STATUSES })
  @IsOptional()
  @IsIn(TOURNAMENT_STATUSES)
  status?: TournamentStatus;

  @ApiPropertyOptional({ enum: TOURNAMENT_FORMATS })
  @IsOptional()
  @IsIn(TOURNAMENT_FORMATS)
  format?: (typeof TOURNAMENT_FORMATS)[number];

  @ApiPropertyOptional({ enum: SPORT_FORMATS })
  @IsOptional()
  @IsIn(SPORT_FORMATS)
  sportFormat?: (typeof SPORT_FORMATS)[number];

  @ApiPropertyOptional({
    enum: ['mine'],
    description: "'mine': tournaments the caller organizes, private ones included (requires identity)",
  })
  @IsOptional()
  @IsIn(['mine'])
  scope?: 'mine';
}
