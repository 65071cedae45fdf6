import { PublicImageDto } from '@prodvor/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LineupPlayerViewDto {
  @ApiProperty({ format: 'uuid' }) playerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null once the account is deleted' })
  displayName!: string | null;
  @ApiProperty({ type: PublicImageDto, nullable: true }) avatar!: PublicImageDto | null;
  @ApiProperty() goalkeeper!: boolean;
}

export class LineupTeamViewDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiPropertyOptional() teamName?: string;
  @ApiProperty({ type: PublicImageDto, nullable: true }) logo!: PublicImageDto | null;
  @ApiProperty({ type: [LineupPlayerViewDto], description: 'Empty until the team names its lineup' })
  players!: LineupPlayerViewDto[];
}

export class MatchLineupsViewDto {
  @ApiProperty({ format: 'uuid' }) matchId!: string;
  @ApiProperty({ type: [LineupTeamViewDto], description: 'Home team first' }) teams!: LineupTeamViewDto[];
}
