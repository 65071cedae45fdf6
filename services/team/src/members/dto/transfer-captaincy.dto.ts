import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class TransferCaptaincyDto {
  @ApiProperty({ format: 'uuid', description: 'The member who becomes captain' })
  @IsUUID()
  userId!: string;
}
