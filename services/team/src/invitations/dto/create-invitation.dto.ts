import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class CreateInvitationDto {
  @ApiProperty({ format: 'uuid', description: 'The invited user' })
  @IsUUID()
  userId!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 720, description: 'Defaults to INVITATION_TTL_HOURS (7 days)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  expiresInHours?: number;
}
