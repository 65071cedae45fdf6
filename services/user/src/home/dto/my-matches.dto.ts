import { ApiProperty } from '@nestjs/swagger';
import { PublicImageDto } from '@prodvor/platform';

export const OPEN_MATCH_STATUSES = ['scheduled', 'awaiting_confirmation', 'disputed'] as const;

export class MatchTeamDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null while the team is not known here yet' })
  name!: string | null;
  @ApiProperty({ type: PublicImageDto, nullable: true }) logo!: PublicImageDto | null;
}

export class MyMatchDto {
  @ApiProperty({ format: 'uuid' }) matchId!: string;
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty({ type: String, nullable: true }) tournamentName!: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ enum: OPEN_MATCH_STATUSES }) status!: (typeof OPEN_MATCH_STATUSES)[number];
  @ApiProperty({ type: MatchTeamDto, nullable: true }) home!: MatchTeamDto | null;
  @ApiProperty({ type: MatchTeamDto, nullable: true }) away!: MatchTeamDto | null;
  @ApiProperty({ format: 'uuid', description: 'Which of my teams plays (the home one when both are mine)' })
  myTeamId!: string;
  @ApiProperty({ enum: ['home', 'away'] }) mySide!: 'home' | 'away';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) venueId!: string | null;
  @ApiProperty({ type: String, nullable: true }) pitch!: string | null;
}

export class MyMatchPageDto {
  @ApiProperty({ type: [MyMatchDto] }) items!: MyMatchDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
