import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateJoinRequestDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'Left back, free on weekends' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string;
}
