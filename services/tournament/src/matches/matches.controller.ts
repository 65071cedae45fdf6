import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Authenticated,
  CurrentActor,
  OptionalActor,
  type Page,
  Public,
  RateLimit,
  Roles,
} from '@prodvor/platform';
import {
  AssignRefereeDto,
  DisputeResultDto,
  ForfeitDto,
  ListMatchesQueryDto,
  MatchDto,
  MatchPageDto,
  ReportResultDto,
  RescheduleMatchDto,
} from './dto/match.dto';
import { MatchQueriesService, toMatchDto } from './match-queries.service';
import { MatchResultsService } from './match-results.service';
import { MatchScheduleService } from './match-schedule.service';

const MatchId = () => Param('matchId', ParseUUIDPipe);

@ApiTags('matches')
@Controller('api/v1')
export class MatchesController {
  constructor(
    private readonly queries: MatchQueriesService,
    private readonly results: MatchResultsService,
    private readonly schedule: MatchScheduleService,
  ) {}

  @Public()
  @Get('tournaments/:tournamentId/matches')
  @ApiOkResponse({ type: MatchPageDto })
  list(
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Query() query: ListMatchesQueryDto,
    @OptionalActor() actor?: Actor,
  ): Promise<Page<MatchDto>> {
    return this.queries.list(tournamentId, query, actor);
  }

  @Public()
  @Get('matches/:matchId')
  @ApiOkResponse({ type: MatchDto })
  get(@MatchId() matchId: string, @OptionalActor() actor?: Actor): Promise<MatchDto> {
    return this.queries.get(matchId, actor);
  }

  @Authenticated()
  // An organizer enters a whole match day of results.
  @RateLimit({ limit: 600, ttlSeconds: 3600 })
  @Post('matches/:matchId/result')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchDto, description: 'Retrying the same report changes nothing' })
  async report(
    @CurrentActor() actor: Actor,
    @MatchId() matchId: string,
    @Body() dto: ReportResultDto,
  ): Promise<MatchDto> {
    return toMatchDto(await this.results.report(actor, matchId, dto));
  }

  @Authenticated()
  @Post('matches/:matchId/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchDto })
  async confirm(@CurrentActor() actor: Actor, @MatchId() matchId: string): Promise<MatchDto> {
    return toMatchDto(await this.results.confirm(actor, matchId));
  }

  @Authenticated()
  @Post('matches/:matchId/dispute')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchDto })
  async dispute(
    @CurrentActor() actor: Actor,
    @MatchId() matchId: string,
    @Body() dto: DisputeResultDto,
  ): Promise<MatchDto> {
    return toMatchDto(await this.results.dispute(actor, matchId, dto.reason));
  }

  @Roles('organizer', 'admin')
  @Post('matches/:matchId/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchDto })
  async resolve(
    @CurrentActor() actor: Actor,
    @MatchId() matchId: string,
    @Body() dto: ReportResultDto,
  ): Promise<MatchDto> {
    return toMatchDto(await this.results.resolve(actor, matchId, dto));
  }

  @Roles('organizer', 'admin')
  @Post('matches/:matchId/forfeit')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchDto })
  async forfeit(@CurrentActor() actor: Actor, @MatchId() matchId: string, @Body() dto: ForfeitDto): Promise<MatchDto> {
    return toMatchDto(await this.results.forfeit(actor, matchId, dto.forfeitedBy));
  }

  @Roles('organizer', 'admin')
  @Post('matches/:matchId/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchDto })
  async reopen(@CurrentActor() actor: Actor, @MatchId() matchId: string): Promise<MatchDto> {
    return toMatchDto(await this.results.reopen(actor, matchId));
  }

  @Roles('organizer', 'admin')
  @Patch('matches/:matchId/schedule')
  @ApiOkResponse({ type: MatchDto })
  async reschedule(
    @CurrentActor() actor: Actor,
    @MatchId() matchId: string,
    @Body() dto: RescheduleMatchDto,
  ): Promise<MatchDto> {
    return toMatchDto(await this.schedule.reschedule(actor, matchId, dto));
  }

  @Roles('organizer', 'admin')
  @Post('matches/:matchId/postpone')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchDto })
  async postpone(@CurrentActor() actor: Actor, @MatchId() matchId: string): Promise<MatchDto> {
    return toMatchDto(await this.schedule.postpone(actor, matchId));
  }

  @Roles('organizer', 'admin')
  @Post('matches/:matchId/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchDto })
  async cancel(@CurrentActor() actor: Actor, @MatchId() matchId: string): Promise<MatchDto> {
    return toMatchDto(await this.schedule.cancel(actor, matchId));
  }

  @Roles('organizer', 'admin')
  @Put('matches/:matchId/referee')
  @ApiOkResponse({ type: MatchDto })
  async referee(
    @CurrentActor() actor: Actor,
    @MatchId() matchId: string,
    @Body() dto: AssignRefereeDto,
  ): Promise<MatchDto> {
    return toMatchDto(await this.schedule.assignReferee(actor, matchId, dto.refereeId ?? null));
  }
}
