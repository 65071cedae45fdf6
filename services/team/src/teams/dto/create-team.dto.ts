import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { TEAM_FORMATS, type TeamFormat } from '../team-formats';

export class CreateTeamDto {
  @ApiProperty({ minLength: 2, maxLength: 80, example: 'Dvor United' })
  @IsString()
  @Length(2, 80)
  name!: string;

  @ApiPropertyOptional({ maxLength: 12, example: 'DVU' })
  @IsOptional()
  @IsString()
  @Length(1, 12)
  shortName?: string;

  @ApiPropertyOptional({ maxLength: 80, example: 'Kazan' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  city?: string;

  @ApiProperty({ enum: TEAM_FORMATS })
  @IsIn(TEAM_FORMATS)
  format!: TeamFormat;

  @ApiPropertyOptional({ type: [String], maxItems: 3, example: ['#ff0000', '#ffffff'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @Matches(/^#[0-9a-fA-F]{6}$/, { each: true, message: 'each colour must be #rrggbb' })
  colors?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Media id from storage-service' })
  @IsOptional()
  @IsUUID()
  logoMediaId?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ default: false, description: 'Open for join requests and invite codes' })
  @IsOptional()
  @IsBoolean()
  recruiting?: boolean;
}
