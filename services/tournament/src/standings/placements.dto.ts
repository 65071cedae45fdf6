import { PublicImageDto } from '@prodvor/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PLACEMENT_DECIDED_BY = ['final', 'third_place', 'round_lost', 'table', 'group_stage'] as const;

export class PlacementRowDto {
  @ApiProperty({ description: 'The best place the team shares (5 for 5–8)', example: 5 }) place!: number;
  @ApiProperty({ description: "The place, or the range shared with others: '1', '3–4', '5–8'", example: '5–8' })
  placeLabel!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ description: 'The team name (its id while the team view has not caught up)' }) teamName!: string;
  @ApiPropertyOptional({ type: PublicImageDto }) teamLogo?: PublicImageDto;
  @ApiProperty({ enum: PLACEMENT_DECIDED_BY, description: 'What decided the place' })
  decidedBy!: (typeof PLACEMENT_DECIDED_BY)[number];
}

export class PlacementsDto {
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty({ description: 'The tournament format the placements follow' }) format!: string;
  @ApiProperty({
    description:
      'True only when every match that decides a place is final (confirmed or forfeited) and no tie waits for ' +
      'lots; otherwise the rows are provisional and teams still in a knockout are not listed yet',
  })
  final!: boolean;
  @ApiProperty({ type: [PlacementRowDto], description: 'Best first; teams sharing a place share place and label' })
  rows!: PlacementRowDto[];
}
