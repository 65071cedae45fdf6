import { PublicImageDto } from '@prodvor/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const CAREER_PAGE_MAX = 50;

/** `?limit=` (1..50, default 20) and `?cursor=` from a previous page's `nextCursor`. */
export class CareerQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: CAREER_PAGE_MAX, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CAREER_PAGE_MAX)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class CareerPlacementDto {
  @ApiProperty({ example: 3 }) place!: number;
  @ApiProperty({ example: '3–4' }) placeLabel!: string;
}

class ResultRecordDto {
  @ApiProperty() matches!: number;
  @ApiProperty() won!: number;
  @ApiProperty() drawn!: number;
  @ApiProperty() lost!: number;
}

class CareerTournamentDto extends ResultRecordDto {
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time', description: 'Season start' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Season end' }) endsAt!: string;
  @ApiProperty({ description: 'Tournament status, e.g. in_progress or finished' }) status!: string;
  @ApiPropertyOptional({ type: CareerPlacementDto, description: 'Only once the tournament is finished' })
  placement?: CareerPlacementDto;
}

export class TeamCareerTournamentDto extends CareerTournamentDto {
  @ApiProperty() goalsFor!: number;
  @ApiProperty() goalsAgainst!: number;
}

export class PlayerCareerTournamentDto extends CareerTournamentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The team the player played most matches for' })
  teamId?: string;
  @ApiPropertyOptional() teamName?: string;
  @ApiProperty() appearances!: number;
  @ApiProperty() goals!: number;
  @ApiProperty() assists!: number;
  @ApiProperty() yellowCards!: number;
  @ApiProperty() redCards!: number;
}

export class TeamCareerTotalsDto extends ResultRecordDto {
  @ApiProperty() tournaments!: number;
  @ApiProperty({ description: 'First places in finished tournaments' }) titles!: number;
  @ApiProperty() goalsFor!: number;
  @ApiProperty() goalsAgainst!: number;
}

export class PlayerCareerTotalsDto extends ResultRecordDto {
  @ApiProperty() tournaments!: number;
  @ApiProperty({ description: "First places of the player's team in finished tournaments" }) titles!: number;
  @ApiProperty() appearances!: number;
  @ApiProperty() goals!: number;
  @ApiProperty() assists!: number;
  @ApiProperty() yellowCards!: number;
  @ApiProperty() redCards!: number;
}

export class TeamCareerDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty() teamName!: string;
  @ApiPropertyOptional({ type: PublicImageDto }) teamLogo?: PublicImageDto;
  @ApiProperty({ type: TeamCareerTotalsDto, description: 'Over every tournament the caller may see' })
  totals!: TeamCareerTotalsDto;
  @ApiProperty({ type: [TeamCareerTournamentDto], description: 'Newest first' }) items!: TeamCareerTournamentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class PlayerCareerDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiPropertyOptional() displayName?: string;
  @ApiPropertyOptional({ type: PublicImageDto }) avatar?: PublicImageDto;
  @ApiProperty({ type: PlayerCareerTotalsDto, description: 'Over every tournament the caller may see' })
  totals!: PlayerCareerTotalsDto;
  @ApiProperty({ type: [PlayerCareerTournamentDto], description: 'Newest first' })
  items!: PlayerCareerTournamentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
