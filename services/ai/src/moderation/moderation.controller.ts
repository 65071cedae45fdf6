import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CHAT_TEXT_MAX_LENGTH } from '@prodvor/contracts';
import { Authenticated, CurrentUser, RateLimit, type AuthenticatedUser } from '@prodvor/platform';
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
    description:
      "Called by chat-service on the internal network with the message author's identity (the bearer token of " +
      "the author's socket), so the author's daily moderation quota applies; past it, or when the model fails " +
      'or is slower than AI_MODERATION_TIMEOUT_MS, the rules answer (decidedBy: rules).',
  })
  classify(@CurrentUser() user: AuthenticatedUser, @Body() body: ModerateDto): Promise<ModerationResult> {
    return this.moderation.classify(user.id, body.text);
  }
}
