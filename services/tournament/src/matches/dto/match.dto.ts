import { PublicImageDto } from '@prodvor/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { MATCH_STATUSES } from '../match.model';
import { ShootOutDto } from './shoot-out.dto';

export class MatchDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty({ description: "The format's fixture id, e.g. R3-2 or W1-4" }) fixtureKey!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() round!: number;
  @ApiPropertyOptional() leg?: number;
  @ApiPropertyOptional() group?: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) homeTeamId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) awayTeamId!: string | null;
  @ApiPropertyOptional() homeTeamName?: string;
  @ApiPropertyOptional() awayTeamName?: string;
  @ApiPropertyOptional({ type: PublicImageDto }) homeTeamLogo?: PublicImageDto;
  @ApiPropertyOptional({ type: PublicImageDto }) awayTeamLogo?: PublicImageDto;
  @ApiProperty({ enum: MATCH_STATUSES }) status!: string;
  @ApiPropertyOptional({ format: 'date-time' }) startsAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) endsAt?: string;
  @ApiPropertyOptional() venueId?: string;
  @ApiPropertyOptional() pitchId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) refereeId?: string;
  @ApiPropertyOptional() homeScore?: number;
  @ApiPropertyOptional() awayScore?: number;
  @ApiPropertyOptional({ format: 'uuid' }) winnerTeamId?: string;
  @ApiPropertyOptional({ description: 'Penalty shoot-out of a knockout match level after play' })
  homePenalties?: number;
  @ApiPropertyOptional() awayPenalties?: number;
  @ApiPropertyOptional({ format: 'uuid' }) forfeitedBy?: string;
  @ApiPropertyOptional({ format: 'uuid' }) reportedBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) confirmBy?: string;
  @ApiPropertyOptional() disputeReason?: string;
  @ApiProperty({ description: 'Sequence of the last live event' }) lastSequence!: number;
}

export class MatchPageDto {
  @ApiProperty({ type: [MatchDto] }) items!: MatchDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ListMatchesQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ enum: MATCH_STATUSES })
  @IsOptional()
  @IsIn(MATCH_STATUSES)
  status?: (typeof MATCH_STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  round?: number;

  @ApiPropertyOptional({ maxLength: 10 })
  @IsOptional()
  @IsString()
  @Length(1, 10)
  group?: string;
}

export class ReportResultDto extends ShootOutDto {
  @ApiProperty({ minimum: 0, maximum: 99 }) @IsInt() @Min(0) @Max(99) homeScore!: number;
  @ApiProperty({ minimum: 0, maximum: 99 }) @IsInt() @Min(0) @Max(99) awayScore!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Knockout match level after play: the team that went through' })
  @IsOptional()
  @IsUUID()
  winnerTeamId?: string;
}

export class DisputeResultDto {
  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export class ForfeitDto {
  @ApiProperty({ format: 'uuid', description: 'The team that forfeits' })
  @IsUUID()
  forfeitedBy!: string;
}

export class RescheduleMatchDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ description: 'A pitch id of one of the tournament venues' })
  @IsUUID()
  pitchId!: string;
}

export class AssignRefereeDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  refereeId!: string | null;
}
