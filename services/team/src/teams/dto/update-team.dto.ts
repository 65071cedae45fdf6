import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { CreateTeamDto } from './create-team.dto';

export class UpdateTeamDto extends PartialType(OmitType(CreateTeamDto, ['logoMediaId'] as const)) {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null removes the logo' })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsUUID()
  logoMediaId?: string | null;
}
