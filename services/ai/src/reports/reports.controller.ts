import { Controller, Get, Param, ParseUUIDPipe, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, RateLimit, type AuthenticatedUser } from '@prodvor/platform';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { forwardedIdentity } from '../tournament-service/caller-identity';
import { ApiProblems, UNAUTHENTICATED } from '../common/api-problems';
import { MatchReportDto } from './match-report.dto';
import { MatchReportService } from './match-report.service';

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'ru' }) @IsOptional() @IsIn(['ru', 'en']) language?: 'ru' | 'en';
}

@ApiTags('reports')
@Authenticated()
@Controller('api/v1/ai/matches')
export class ReportsController {
  constructor(private readonly reports: MatchReportService) {}

  @Get(':matchId/report')
  @RateLimit({ limit: 20, ttlSeconds: 60 })
  @ApiOperation({
    summary: 'A short report of a finished match the caller may see (cached per match and language)',
  })
  @ApiOkResponse({ type: MatchReportDto })
  @ApiProblems({
    400: 'VALIDATION_FAILED: matchId not a UUID, unknown language',
    401: UNAUTHENTICATED,
    404: 'AI_MATCH_NOT_FOUND: missing, or not visible to the caller',
    422: 'AI_MATCH_NOT_FINISHED, AI_MATCH_TOO_LONG',
    429: 'AI_QUOTA_EXCEEDED (daily quota) or RATE_LIMITED (20 per minute per user)',
    503: 'AI_NOT_CONFIGURED, AI_UNAVAILABLE, AI_OUTPUT_INVALID, DEPENDENCY_UNAVAILABLE (no quota spent)',
  })
  report(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Param('matchId', new ParseUUIDPipe()) matchId: string,
    @Query() query: ReportQueryDto,
  ): Promise<MatchReportDto> {
    return this.reports.report(user.id, forwardedIdentity(request.headers, user), matchId, query.language ?? 'ru');
  }
}
