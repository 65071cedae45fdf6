import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import {
  TOURNAMENT_ANSWER_MAX_LENGTH,
  TOURNAMENT_MAX_FACTS,
  TOURNAMENT_QUESTION_MAX_LENGTH,
} from './tournament-assistant.flow';
import { TOURNAMENT_TOOL_NAMES } from './tournament-tools';

export class TournamentQuestionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() tournamentId!: string;
  @ApiProperty({ minLength: 1, maxLength: TOURNAMENT_QUESTION_MAX_LENGTH })
  @IsString()
  @Length(1, TOURNAMENT_QUESTION_MAX_LENGTH)
  question!: string;

  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'en' }) @IsOptional() @IsIn(['ru', 'en']) language?: 'ru' | 'en';
}

export class CitedFactDto {
  @ApiProperty({ enum: TOURNAMENT_TOOL_NAMES, description: 'The tool whose result states the fact' })
  source!: string;

  @ApiProperty({ maxLength: 300 }) fact!: string;
}

export class TournamentAnswerDto {
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty({ maxLength: TOURNAMENT_ANSWER_MAX_LENGTH }) answer!: string;
  @ApiProperty({ type: [CitedFactDto], maxItems: TOURNAMENT_MAX_FACTS }) facts!: CitedFactDto[];
}
