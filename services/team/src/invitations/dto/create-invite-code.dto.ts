import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CreateInviteCodeDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Unlimited when absent' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxUses?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 2160, description: 'Never expires when absent' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2160)
  expiresInHours?: number;
}
