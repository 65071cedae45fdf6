import { ApiProperty } from '@nestjs/swagger';
import type { ModerationVerdict } from './fast-moderation';

export class ModerationResultDto {
  @ApiProperty({ enum: ['ok', 'toxic', 'spam', 'personal_data'] }) verdict!: ModerationVerdict;
  @ApiProperty({ maxLength: 200 }) reason!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence!: number;
  @ApiProperty({ enum: ['model', 'rules'] }) decidedBy!: 'model' | 'rules';
}
