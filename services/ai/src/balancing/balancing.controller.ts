import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, RateLimit, type AuthenticatedUser } from '@prodvor/platform';
import { BalanceTeamsDto } from './balance-teams.dto';
import { BalancingService, type BalanceAnswer } from './balancing.service';

@ApiTags('balancing')
@Authenticated()
@Controller('api/v1/ai/teams')
export class BalancingController {
  constructor(private readonly balancing: BalancingService) {}

  @Post('balance')
  @HttpCode(200)
  @RateLimit({ limit: 30, ttlSeconds: 60 })
  @ApiOperation({ summary: 'Split players into balanced teams (deterministic); the model only explains the split' })
  balance(@CurrentUser() user: AuthenticatedUser, @Body() body: BalanceTeamsDto): Promise<BalanceAnswer> {
    return this.balancing.balance(user.id, body.players, body.teamCount, body.language ?? 'en', body.seed);
  }
}
