import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import type { TeamRole } from '../../teams/team.model';

const ROLES = ['vice_captain', 'player'] as const;

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'Captain only; the captaincy moves with POST .../captain' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Exclude<TeamRole, 'captain'>;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 99, nullable: true })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(99)
  shirtNumber?: number | null;

  @ApiPropertyOptional({ type: String, maxLength: 40, nullable: true, example: 'goalkeeper' })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsString()
  @Length(1, 40)
  position?: string | null;
}
