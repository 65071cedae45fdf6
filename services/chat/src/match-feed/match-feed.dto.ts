import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MatchEvent } from '@prodvor/contracts';

export class MatchFeedSnapshotDto {
  @ApiProperty({ format: 'uuid' }) matchId!: string;
  @ApiProperty() homeScore!: number;
  @ApiProperty() awayScore!: number;
  @ApiProperty({ enum: ['scheduled', 'live', 'finished'] }) status!: 'scheduled' | 'live' | 'finished';
  @ApiPropertyOptional({ description: 'Penalty shoot-out of a knockout match level after play' })
  homePenalties?: number;
  @ApiPropertyOptional() awayPenalties?: number;
  @ApiProperty({
    description: 'Sequence of the newest event applied; pushed events at or below it are already counted',
  })
  lastSequence!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'The latest match.events.v1 payloads, oldest first',
  })
  recentEvents!: MatchEvent[];
}
