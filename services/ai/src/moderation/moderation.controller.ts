import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CHAT_TEXT_MAX_LENGTH } from '@prodvor/contracts';
import { Authenticated, RateLimit } from '@prodvor/platform';
import { IsString, Length } from 'class-validator';
import type { ModerationResult } from './fast-moderation';
import { ModerationService } from './moderation.service';

export class ModerateDto {
  @ApiProperty({ maxLength: CHAT_TEXT_MAX_LENGTH }) @IsString() @Length(1, CHAT_TEXT_MAX_LENGTH) text!: string;
}

@ApiTags('moderation')
@Authenticated()
@Controller('api/v1/ai/moderation')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Post()
  @HttpCode(200)
  @RateLimit({ limit: 120, ttlSeconds: 60 })
  @ApiOperation({
    summary: 'Classify a message: ok, toxic, spam or personal_data (rules decide when the model cannot)',
  })
  classify(@Body() body: ModerateDto): Promise<ModerationResult> {
    return this.moderation.classify(body.text);
  }
}
