import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, RateLimit, type AuthenticatedUser } from '@prodvor/platform';
import { ApiProblems, TOO_LARGE, UNAUTHENTICATED } from '../common/api-problems';
import { BalanceAnswerDto } from './balance-answer.dto';
import { BalanceTeamsDto } from './balance-teams.dto';
import { BalancingService } from './balancing.service';

@ApiTags('balancing')
@Authenticated()
@Controller('api/v1/ai/teams')
export class BalancingController {
  constructor(private readonly balancing: BalancingService) {}

  @Post('balance')
  @HttpCode(200)
  @RateLimit({ limit: 30, ttlSeconds: 60 })
  @ApiOperation({
    summary: 'Split players into balanced teams (deterministic); the model only explains the split',
    description:
      'Always answers with the split: without a provider, past the daily quota or when the model fails, a template explains it (explainedBy: template).',
  })
  @ApiOkResponse({ type: BalanceAnswerDto })
  @ApiProblems({
    400: 'VALIDATION_FAILED, AI_BALANCE_INVALID_INPUT',
    401: UNAUTHENTICATED,
    413: TOO_LARGE,
    429: 'RATE_LIMITED (30 per minute per user)',
  })
  balance(@CurrentUser() user: AuthenticatedUser, @Body() body: BalanceTeamsDto): Promise<BalanceAnswerDto> {
    return this.balancing.balance(user.id, body.players, body.teamCount, body.language ?? 'en', body.seed);
  }
}
