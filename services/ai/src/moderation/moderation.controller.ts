import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CHAT_TEXT_MAX_LENGTH } from '@prodvor/contracts';
import { RateLimit, Roles } from '@prodvor/platform';
import { IsString, IsUUID, Length } from 'class-validator';
import { ApiProblems, TOO_LARGE, UNAUTHENTICATED } from '../common/api-problems';
import { ModerationResultDto } from './moderation-result.dto';
import { ModerationService } from './moderation.service';

/** The realm role of the service accounts that may ask for moderation (chat-service's, `prodvor-chat-service`). */
export const MODERATION_SERVICE_ROLE = 'service:moderation';

export class ModerateDto {
  @ApiProperty({ maxLength: CHAT_TEXT_MAX_LENGTH }) @IsString() @Length(1, CHAT_TEXT_MAX_LENGTH) text!: string;

  @ApiProperty({ format: 'uuid', description: "The message's author: the model call counts against their daily quota" })
  @IsUUID()
  authorId!: string;
}

@ApiTags('moderation')
@Roles(MODERATION_SERVICE_ROLE)
@Controller('api/v1/ai/moderation')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Post()
  @HttpCode(200)
  @RateLimit({ limit: 6000, ttlSeconds: 60 })
  @ApiOperation({
    summary: 'Classify a message: ok, toxic, spam or personal_data (rules decide when the model cannot)',
    description:
      "For chat-service's moderation review only (after delivery, on the internal network): the caller's access " +
      "token must carry the realm role service:moderation, which only chat-service's service account holds " +
      "(client credentials of prodvor-chat-service); a user is refused 403. The body names the message's author " +
      '(authorId), whose daily moderation quota applies; past it, when the quota store or the model fails, or when ' +
      'the model is slower than AI_MODERATION_TIMEOUT_MS, the rules answer (decidedBy: rules). Always 200 for a ' +
      'valid request.',
  })
  @ApiOkResponse({ type: ModerationResultDto })
  @ApiProblems({
    400: 'VALIDATION_FAILED (text empty or over the chat message limit, authorId not a UUID, unknown fields)',
    401: UNAUTHENTICATED,
    403: 'FORBIDDEN: the caller is not a service account with the role service:moderation',
    413: TOO_LARGE,
    429: 'RATE_LIMITED (6000 per minute per calling service); the daily moderation quota never answers 429',
  })
  classify(@Body() body: ModerateDto): Promise<ModerationResultDto> {
    return this.moderation.classify(body.authorId, body.text);
  }
}
