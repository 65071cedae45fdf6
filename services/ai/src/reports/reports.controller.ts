import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, RateLimit, type AuthenticatedUser } from '@prodvor/platform';
import { IsIn, IsOptional } from 'class-validator';
import type { MatchReport } from './match-report.flow';
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
  @ApiOperation({ summary: 'A short report of a finished match (cached per match and language)' })
  report(
    @CurrentUser() user: AuthenticatedUser,
    @Param('matchId', new ParseUUIDPipe()) matchId: string,
    @Query() query: ReportQueryDto,
  ): Promise<MatchReport & { cached: boolean }> {
    return this.reports.report(user.id, matchId, query.language ?? 'ru');
  }
}
