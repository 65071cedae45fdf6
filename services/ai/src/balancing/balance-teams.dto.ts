import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PLAYERS, POSITIONS, type Position } from './balance-teams';

export class BalancePlayerDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @Length(1, 64) id!: string;
  @ApiPropertyOptional({ maxLength: 80 }) @IsOptional() @IsString() @Length(1, 80) name?: string;
  @ApiProperty({ minimum: 1, maximum: 10 }) @IsInt() @Min(1) @Max(10) skill!: number;
  @ApiProperty({ enum: POSITIONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(POSITIONS, { each: true })
  positions!: Position[];
}

export class BalanceTeamsDto {
  @ApiProperty({ type: [BalancePlayerDto], maxItems: MAX_PLAYERS })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_PLAYERS)
  @ValidateNested({ each: true })
  @Type(() => BalancePlayerDto)
  players!: BalancePlayerDto[];

  @ApiProperty({ minimum: 2, maximum: 8 }) @IsInt() @Min(2) @Max(8) teamCount!: number;
  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'en' }) @IsOptional() @IsIn(['ru', 'en']) language?: 'ru' | 'en';
  @ApiPropertyOptional({ description: 'Seed for reproducible tie-breaking' }) @IsOptional() @IsInt() seed?: number;
}
