import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ShootOutDto } from '../../matches/dto/shoot-out.dto';

export const MATCH_EVENT_KINDS = [
  'kick_off',
  'period_start',
  'period_end',
  'goal',
  'yellow_card',
  'second_yellow',
  'red_card',
  'substitution',
  'final_whistle',
  'correction',
] as const;
export type MatchEventKind = (typeof MATCH_EVENT_KINDS)[number];

export class RecordMatchEventDto extends ShootOutDto {
  @ApiProperty({ enum: MATCH_EVENT_KINDS }) @IsIn(MATCH_EVENT_KINDS) kind!: MatchEventKind;
  @ApiProperty({ minimum: 0, maximum: 200 }) @IsInt() @Min(0) @Max(200) minute!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) period!: number;

  @ApiPropertyOptional({ format: 'uuid', description: "Team of the player (goal: the scorer's team)" })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Scorer, carded player, or player going off' })
  @IsOptional()
  @IsUUID()
  playerId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assistId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Substitution: player coming on' })
  @IsOptional()
  @IsUUID()
  playerInId?: string;

  @ApiPropertyOptional({ description: 'Goal: counts for the other team' }) @IsOptional() @IsBoolean() ownGoal?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() penalty?: boolean;

  @ApiPropertyOptional({ minimum: 1, description: 'Correction: the sequence it voids' })
  @IsOptional()
  @IsInt()
  @Min(1)
  correctsSequence?: number;

  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class MatchEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) matchId!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ enum: MATCH_EVENT_KINDS }) kind!: string;
  @ApiProperty() minute!: number;
  @ApiProperty() period!: number;
  @ApiPropertyOptional() teamId?: string;
  @ApiPropertyOptional() playerId?: string;
  @ApiPropertyOptional() assistId?: string;
  @ApiPropertyOptional() playerInId?: string;
  @ApiPropertyOptional() ownGoal?: boolean;
  @ApiPropertyOptional() penalty?: boolean;
  @ApiPropertyOptional() correctsSequence?: number;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'Voided by a later correction' }) voided!: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class MatchEventsViewDto {
  @ApiProperty({ format: 'uuid' }) matchId!: string;
  @ApiProperty() status!: string;
  @ApiProperty() homeScore!: number;
  @ApiProperty() awayScore!: number;
  @ApiProperty() lastSequence!: number;
  @ApiProperty({ type: [MatchEventDto] }) items!: MatchEventDto[];
}

export class MatchEventsQueryDto {
  @ApiPropertyOptional({ minimum: 0, description: 'Only events after this sequence (catch up after a gap)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 200;
}

export class LineupPlayerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() playerId!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() goalkeeper?: boolean;
}

export class SetLineupDto {
  @ApiProperty({ type: [LineupPlayerDto], description: 'Up to 30 players of the team' })
  @ValidateNested({ each: true })
  @Type(() => LineupPlayerDto)
  @ArrayMaxSize(30)
  @ArrayUnique((p: LineupPlayerDto) => p.playerId)
  players!: LineupPlayerDto[];
}
