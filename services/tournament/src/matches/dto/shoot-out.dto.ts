import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The penalty shoot-out that decides a knockout match level after play (both or neither). */
export class ShootOutDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 99,
    description: 'Knockout match level after play: penalty shoot-out goals of the home team (with awayPenalties)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99)
  homePenalties?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 99 }) @IsOptional() @IsInt() @Min(0) @Max(99) awayPenalties?: number;
}
