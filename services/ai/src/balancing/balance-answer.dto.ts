import { ApiProperty } from '@nestjs/swagger';
import { POSITIONS, type Position } from './balance-teams';
import { BalancePlayerDto } from './balance-teams.dto';

export class BalancedTeamDto {
  @ApiProperty({ type: [BalancePlayerDto] }) players!: BalancePlayerDto[];
  @ApiProperty() totalSkill!: number;
  @ApiProperty({ enum: POSITIONS, isArray: true }) positionsCovered!: Position[];
}

export class BalanceFactsDto {
  @ApiProperty() teamCount!: number;
  @ApiProperty() playerCount!: number;
  @ApiProperty({ description: 'Highest minus lowest team skill total' }) spread!: number;
  @ApiProperty({ description: 'Goalkeepers are spread across teams' }) goalkeepersSpread!: boolean;
  @ApiProperty({ description: 'Pairwise swaps the algorithm made after the draft' }) swaps!: number;
}

export class BalanceAnswerDto {
  @ApiProperty({ type: [BalancedTeamDto] }) teams!: BalancedTeamDto[];
  @ApiProperty({ description: 'Highest minus lowest team skill total' }) spread!: number;
  @ApiProperty({ type: BalanceFactsDto }) facts!: BalanceFactsDto;
  @ApiProperty({ maxLength: 600 }) explanation!: string;
  @ApiProperty({
    enum: ['model', 'template'],
    description: 'template: no provider, the daily quota used, or the model failed',
  })
  explainedBy!: 'model' | 'template';
}
