import { CursorPaginationQueryDto, PublicImageDto } from '@prodvor/platform';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class TieBreakValueDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({
    description: 'The value on the criterion (head-to-head: among the teams compared; lots: position drawn)',
  })
  value!: number;
}

export class TieBreakStepDto {
  @ApiProperty({ description: 'The tie-breaker that separated the teams, e.g. head_to_head_points' })
  criterion!: string;
  @ApiProperty({ type: [TieBreakValueDto] }) values!: TieBreakValueDto[];
}

export class TieBreakDto {
  @ApiProperty({ type: [String], description: 'Teams it was level with on points' }) levelWith!: string[];
  @ApiProperty({ type: [TieBreakStepDto], description: 'The separations it took part in, in order' })
  steps!: TieBreakStepDto[];
  @ApiProperty({ example: 'Level on points with Germany; ahead on head-to-head points 3–0.' }) explanation!: string;
}

export class StandingsRowDto {
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiPropertyOptional() teamName?: string;
  @ApiPropertyOptional({ type: PublicImageDto }) teamLogo?: PublicImageDto;
  @ApiProperty() played!: number;
  @ApiProperty() won!: number;
  @ApiProperty() drawn!: number;
  @ApiProperty() lost!: number;
  @ApiProperty() goalsFor!: number;
  @ApiProperty() goalsAgainst!: number;
  @ApiProperty() goalDifference!: number;
  @ApiProperty() points!: number;
  @ApiProperty({ description: 'Fair-play points (0 or negative)' }) fairPlay!: number;
  @ApiProperty({ type: [String], description: 'Last five results, oldest first (W/D/L)' }) form!: string[];
  @ApiPropertyOptional({ description: 'Swiss: score' }) score?: number;
  @ApiPropertyOptional({ description: 'Swiss: Buchholz' }) buchholz?: number;
  @ApiPropertyOptional({ type: TieBreakDto, description: 'Present when the team was level on points with another' })
  tieBreak?: TieBreakDto;
}

export class StandingsTableDto {
  @ApiProperty({ type: String, nullable: true, description: 'Group name, or null for the league table' })
  group!: string | null;
  @ApiProperty({ type: [StandingsRowDto] }) rows!: StandingsRowDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string', format: 'uuid' } },
    description: 'Teams level on every criterion: the organizer draws lots',
  })
  unresolvedTies!: string[][];
}

export class StandingsDto {
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty({ type: [String], description: 'Tie-breakers in the order applied' }) tieBreakers!: string[];
  @ApiProperty({ type: [StandingsTableDto] }) groups!: StandingsTableDto[];
}

export class LeaderboardEntryDto {
  @ApiProperty() rank!: number;
  @ApiProperty({ format: 'uuid' }) playerId!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiPropertyOptional() teamName?: string;
  @ApiProperty() value!: number;
  @ApiProperty() matchesPlayed!: number;
}

export class TeamStatsDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiPropertyOptional() teamName?: string;
  @ApiProperty() played!: number;
  @ApiProperty() won!: number;
  @ApiProperty() drawn!: number;
  @ApiProperty() lost!: number;
  @ApiProperty() goalsFor!: number;
  @ApiProperty() goalsAgainst!: number;
  @ApiProperty() cleanSheets!: number;
  @ApiProperty() failedToScore!: number;
  @ApiProperty() yellowCards!: number;
  @ApiProperty() redCards!: number;
}

export class LeaderboardsDto {
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty({ type: [LeaderboardEntryDto] }) goals!: LeaderboardEntryDto[];
  @ApiProperty({ type: [LeaderboardEntryDto] }) assists!: LeaderboardEntryDto[];
  @ApiProperty({ type: [LeaderboardEntryDto] }) yellowCards!: LeaderboardEntryDto[];
  @ApiProperty({ type: [LeaderboardEntryDto] }) redCards!: LeaderboardEntryDto[];
  @ApiProperty({ type: [LeaderboardEntryDto] }) cleanSheets!: LeaderboardEntryDto[];
  @ApiProperty({ type: [LeaderboardEntryDto] }) matchesPlayed!: LeaderboardEntryDto[];
  @ApiProperty({ type: [TeamStatsDto] }) teams!: TeamStatsDto[];
}

/** Only a page size: a leaderboard is the top N, not a list to page through. */
export class LeaderboardsQueryDto extends PickType(CursorPaginationQueryDto, ['limit'] as const) {}

export class DrawLotsDto {
  @ApiPropertyOptional({ maxLength: 10, description: 'The group whose tie is drawn; omit for a league table' })
  @IsOptional()
  @IsString()
  @Length(1, 10)
  group?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'The drawn order (team ids, best first) when lots were drawn offline; omit to draw here',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(64)
  @ArrayUnique()
  order?: string[];
}
