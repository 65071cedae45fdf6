import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

export class PitchWindowDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  start!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  end!: string;
}

export class PitchInputDto {
  @ApiProperty({ minLength: 1, maxLength: 40 })
  @IsString()
  @Length(1, 40)
  name!: string;

  @ApiProperty({ type: [PitchWindowDto], description: 'When the pitch can host matches (UTC), at most 200' })
  @ValidateNested({ each: true })
  @Type(() => PitchWindowDto)
  @ArrayMaxSize(200)
  windows!: PitchWindowDto[];
}

export class VenueInputDto {
  @ApiProperty({ minLength: 1, maxLength: 120 })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  address?: string;

  @ApiProperty({ type: [PitchInputDto], description: '1–20 pitches' })
  @ValidateNested({ each: true })
  @Type(() => PitchInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  pitches!: PitchInputDto[];
}
