import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class MuteUserDto {
  @ApiProperty({ minimum: 1, description: 'How long the user may not send here (bounded by CHAT_MUTE_MAX_SECONDS)' })
  @IsInt()
  @Min(1)
  durationSeconds!: number;
}

export class MuteDto {
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
  @ApiProperty({ format: 'uuid' }) mutedBy!: string;
}

export class MuteListDto {
  @ApiProperty({ type: [MuteDto] }) items!: MuteDto[];
}
