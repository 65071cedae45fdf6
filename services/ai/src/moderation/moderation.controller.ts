import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CHAT_TEXT_MAX_LENGTH } from '@prodvor/contracts';
import { Authenticated, CurrentUser, RateLimit, type AuthenticatedUser } from '@prodvor/platform';
import { IsString, Length } from 'class-validator';
import { ApiProblems, TOO_LARGE, UNAUTHENTICATED } from '../common/api-problems';
import { ModerationResultDto } from './moderation-result.dto';
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
      "Called by chat-service's moderation review (after delivery) on the internal network with the gateway " +
      "identity headers of the message's author (X-Authenticated-Userid + X-Userinfo), so the author's daily " +
      'moderation quota applies; past it, when the quota store or the model fails, or when the model is slower ' +
      'than AI_MODERATION_TIMEOUT_MS, the rules answer (decidedBy: rules). Always 200 for a valid request.',
  })
  @ApiOkResponse({ type: ModerationResultDto })
  @ApiProblems({
    400: 'VALIDATION_FAILED (text empty or over the chat message limit, unknown fields)',
    401: UNAUTHENTICATED,
    413: TOO_LARGE,
    429: 'RATE_LIMITED (120 per minute per user); the daily moderation quota never answers 429',
  })
  classify(@CurrentUser() user: AuthenticatedUser, @Body() body: ModerateDto): Promise<ModerationResultDto> {
    return this.moderation.classify(user.id, body.text);
  }
}
