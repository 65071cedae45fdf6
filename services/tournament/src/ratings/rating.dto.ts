import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RatingChangeDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The rated match; absent for a match of a private tournament (its rating change still counts)',
  })
  matchId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The opponent; absent for a match of a private tournament' })
  opponentId?: string;
  @ApiProperty({ enum: ['win', 'draw', 'loss'], description: 'A knockout match level after play is a draw' })
  outcome!: 'win' | 'draw' | 'loss';
  @ApiProperty() goalsFor!: number;
  @ApiProperty() goalsAgainst!: number;
  @ApiProperty({ description: 'The result was awarded by a forfeit' }) forfeit!: boolean;
  @ApiProperty({ example: 10 }) delta!: number;
  @ApiProperty({ example: 1500 }) ratingBefore!: number;
  @ApiProperty({ example: 1510 }) ratingAfter!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class TeamRatingDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ example: 1500, description: 'Elo rating; 1500 for a team without rated matches' }) rating!: number;
  @ApiProperty({ description: 'Final results that count in the rating' }) matchesRated!: number;
  @ApiPropertyOptional({
    description: 'Place among teams with at least one rated match (equal ratings share it); absent while unrated',
  })
  rank?: number;
  @ApiProperty({ type: [RatingChangeDto], description: 'The last 10 changes, newest first' })
  recentChanges!: RatingChangeDto[];
}
