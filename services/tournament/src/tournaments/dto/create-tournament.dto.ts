import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { tournamentFormat } from '@prodvor/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { STANDINGS_PRESETS, type TieBreaker } from '../../domain';
import { VenueInputDto } from './venue.dto';

export const SPORT_FORMATS = ['5x5', '7x7', '11x11'] as const;
/** The formats the published events carry: one list for the API and the contract. */
export const TOURNAMENT_FORMATS = tournamentFormat.options;
export const TIE_BREAKERS: readonly TieBreaker[] = [
  'points',
  'goal_difference',
  'goals_for',
  'wins',
  'head_to_head_points',
  'head_to_head_goal_difference',
  'head_to_head_goals',
  'head_to_head_away_goals',
  'away_goals',
  'fair_play',
  'drawing_of_lots',
];
export const TIE_BREAKER_PRESETS = Object.keys(STANDINGS_PRESETS) as (keyof typeof STANDINGS_PRESETS)[];

export class PointsDto {
  @ApiProperty({ default: 3 }) @IsInt() @Min(0) @Max(10) win: number = 3;
  @ApiProperty({ default: 1 }) @IsInt() @Min(0) @Max(10) draw: number = 1;
  @ApiProperty({ default: 0 }) @IsInt() @Min(-10) @Max(10) loss: number = 0;
  @ApiProperty({ default: 0, description: 'Points of the team that forfeited' })
  @IsInt()
  @Min(-10)
  @Max(10)
  forfeit: number = 0;
}

export class FormatOptionsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 16, description: 'groups_playoffs: number of groups' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(16)
  groupCount?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 8, description: 'groups_playoffs: teams per group that advance' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  advancePerGroup?: number;

  @ApiPropertyOptional({
    enum: ['snake', 'pots', 'rating'],
    description:
      'groups_playoffs: how seeds fill the groups (snake or a pots draw over the registration order; rating: ' +
      'seeds by team rating, then snake). Other formats: rating seeds by team rating (unrated teams count as 1500, ' +
      'ties by registration order) instead of registration order; snake and pots do not apply to them',
  })
  @IsOptional()
  @IsIn(['snake', 'pots', 'rating'])
  seeding?: 'snake' | 'pots' | 'rating';

  @ApiPropertyOptional({ description: 'Knockout: play a match for third place' })
  @IsOptional()
  @IsBoolean()
  thirdPlace?: boolean;

  @ApiPropertyOptional({ description: 'double_elimination: second final if the losers-bracket champion wins' })
  @IsOptional()
  @IsBoolean()
  grandFinalReset?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 15, description: 'swiss: number of rounds' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(15)
  swissRounds?: number;
}

export class CreateTournamentDto {
  @ApiProperty({ minLength: 3, maxLength: 120 })
  @IsString()
  @Length(3, 120)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  description?: string;

  @ApiProperty({ enum: SPORT_FORMATS })
  @IsIn(SPORT_FORMATS)
  sportFormat!: (typeof SPORT_FORMATS)[number];

  @ApiProperty({ enum: TOURNAMENT_FORMATS })
  @IsIn(TOURNAMENT_FORMATS)
  format!: (typeof TOURNAMENT_FORMATS)[number];

  @ApiPropertyOptional({ enum: ['public', 'private'], default: 'public' })
  @IsOptional()
  @IsIn(['public', 'private'])
  visibility?: 'public' | 'private';

  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) endsAt!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) registrationOpensAt!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) registrationClosesAt!: string;

  @ApiPropertyOptional({ default: false, description: 'Only checked-in teams take part in the fixtures' })
  @IsOptional()
  @IsBoolean()
  checkInRequired?: boolean;

  @ApiProperty({ minimum: 2, maximum: 256 }) @IsInt() @Min(2) @Max(256) minTeams!: number;
  @ApiProperty({ minimum: 2, maximum: 256 }) @IsInt() @Min(2) @Max(256) maxTeams!: number;

  @ApiPropertyOptional({ type: PointsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PointsDto)
  points?: PointsDto;

  @ApiPropertyOptional({ minimum: 10, maximum: 240, default: 40, description: 'Playing time in minutes' })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(240)
  matchMinutes: number = 40;

  @ApiPropertyOptional({ minimum: 1, maximum: 4, default: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  periods: number = 2;

  @ApiPropertyOptional({ minimum: 0, maximum: 120, default: 10, description: 'Pitch turnover after a match' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  bufferMinutes: number = 10;

  @ApiPropertyOptional({ minimum: 0, maximum: 1440, default: 30, description: "Rest between a team's matches" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  minRestMinutes: number = 30;

  @ApiPropertyOptional({ minimum: 1, maximum: 168, default: 48 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(168)
  confirmWindowHours: number = 48;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 3, description: 'Awarded score on a forfeit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  forfeitGoals: number = 3;

  @ApiPropertyOptional({ enum: TIE_BREAKER_PRESETS, description: 'A preset order; ignored when tieBreakers is given' })
  @IsOptional()
  @IsIn(TIE_BREAKER_PRESETS)
  tieBreakerPreset?: (typeof TIE_BREAKER_PRESETS)[number];

  @ApiPropertyOptional({ enum: TIE_BREAKERS, isArray: true, description: 'Ordered tie-breakers' })
  @IsOptional()
  @IsIn(TIE_BREAKERS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(11)
  @ArrayUnique()
  tieBreakers?: TieBreaker[];

  @ApiPropertyOptional({ description: 'UEFA style: re-apply head-to-head to the teams still level' })
  @IsOptional()
  @IsBoolean()
  reapplyHeadToHead?: boolean;

  @ApiPropertyOptional({ type: FormatOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FormatOptionsDto)
  options?: FormatOptionsDto;

  @ApiPropertyOptional({ type: [VenueInputDto], description: 'At most 20 venues' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => VenueInputDto)
  @ArrayMaxSize(20)
  venues?: VenueInputDto[];
}
