import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class KeyMomentDto {
  @ApiProperty({ minimum: 0, maximum: 200 }) minute!: number;
  @ApiProperty({ maxLength: 200 }) text!: string;
}

export class PlayerOfTheMatchDto {
  @ApiPropertyOptional({ description: 'One of the players in the match events' }) playerId?: string;
  @ApiProperty({ maxLength: 80 }) name!: string;
  @ApiProperty({ maxLength: 300 }) reason!: string;
}

export class MatchReportDto {
  @ApiProperty({ maxLength: 120 }) headline!: string;
  @ApiProperty({ maxLength: 1200 }) summary!: string;
  @ApiProperty({ type: [KeyMomentDto], maxItems: 10 }) keyMoments!: KeyMomentDto[];
  @ApiProperty({ type: PlayerOfTheMatchDto }) playerOfTheMatch!: PlayerOfTheMatchDto;
  @ApiProperty({ description: 'Served from the cache (no quota spent)' }) cached!: boolean;
}
