import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  type AccountActor,
  Authenticated,
  CorrelationId,
  CurrentAccountActor,
  Public,
  RateLimit,
} from '@prodvor/platform';
import { EmailVerifiedDto, VerificationSentDto, VerifyEmailDto } from './dto/email-verification.dto';
import { EmailVerificationService } from './email-verification.service';

@ApiTags('registration')
@Controller('api/v1/register')
export class EmailVerificationController {
  constructor(private readonly verification: EmailVerificationService) {}

  /** Public: the link is opened by whoever reads the mailbox, maybe on another device than the app's session. */
  @Public()
  @RateLimit({ limit: 20, ttlSeconds: 600 })
  @Post('verify-email')
  @HttpCode(200)
  @ApiOkResponse({ type: EmailVerifiedDto })
  @ApiBadRequestResponse({ description: 'EMAIL_VERIFICATION_INVALID' })
  @ApiConflictResponse({ description: 'EMAIL_VERIFICATION_USED, EMAIL_IN_USE' })
  @ApiGoneResponse({ description: 'EMAIL_VERIFICATION_EXPIRED' })
  verify(@Body() dto: VerifyEmailDto, @CorrelationId() correlationId: string): Promise<EmailVerifiedDto> {
    return this.verification.verify(dto.token, correlationId);
  }

  @Authenticated()
  @RateLimit({ limit: 3, ttlSeconds: 3600 })
  @Post('resend-verification')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: VerificationSentDto })
  @ApiConflictResponse({ description: 'EMAIL_ALREADY_VERIFIED' })
  @ApiUnprocessableEntityResponse({ description: 'EMAIL_MISSING' })
  resend(@CurrentAccountActor() actor: AccountActor): Promise<VerificationSentDto> {
    return this.verification.resend(actor);
  }
}
