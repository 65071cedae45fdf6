import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class EditMessageDto {
  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'Bounded by CHAT_MESSAGE_MAX_LENGTH' })
  @IsString()
  @Length(1, 4000)
  text!: string;
}
