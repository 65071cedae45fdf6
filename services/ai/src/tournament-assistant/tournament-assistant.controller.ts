import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RateLimit, Roles, type AuthenticatedUser } from '@prodvor/platform';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, TOO_LARGE, UNAUTHENTICATED } from '../common/api-problems';
import { forwardedIdentity } from '../tournament-service/caller-identity';
import { TournamentAssistantService } from './tournament-assistant.service';
import { TournamentAnswerDto, TournamentQuestionDto } from './tournament-question.dto';

@ApiTags('tournament-assistant')
@Roles('organizer', 'admin')
@Controller('api/v1/ai/tournament-assistant')
export class TournamentAssistantController {
  constructor(private readonly assistant: TournamentAssistantService) {}

  @Post()
  @HttpCode(200)
  @RateLimit({ limit: 10, ttlSeconds: 60 })
  @ApiOperation({
    summary: "Answer an organiser's question about their own tournament from the data they may see (cited facts)",
  })
  @ApiOkResponse({ type: TournamentAnswerDto })
  @ApiProblems({
    400: 'VALIDATION_FAILED',
    401: UNAUTHENTICATED,
    403: 'FORBIDDEN (not organizer/admin), AI_NOT_TOURNAMENT_ORGANIZER',
    404: 'AI_TOURNAMENT_NOT_FOUND: missing, or not visible to the caller',
    413: TOO_LARGE,
    429: 'AI_QUOTA_EXCEEDED (daily quota) or RATE_LIMITED (10 per minute per user)',
    503: 'AI_NOT_CONFIGURED, AI_UNAVAILABLE, AI_OUTPUT_INVALID, DEPENDENCY_UNAVAILABLE (no quota spent)',
  })
  ask(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Body() body: TournamentQuestionDto,
  ): Promise<TournamentAnswerDto> {
    const headers = forwardedIdentity(request.headers, user);
    return this.assistant.ask(
      { id: user.id, roles: user.roles, headers },
      {
        tournamentId: body.tournamentId,
        question: body.question,
        language: body.language ?? 'en',
      },
    );
  }
}
