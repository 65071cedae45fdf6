import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Authenticated,
  CurrentActor,
  IdempotencyKey,
  OptionalActor,
  Public,
  RateLimit,
} from '@prodvor/platform';
import type { FastifyReply } from 'fastify';
import {
  MatchEventDto,
  MatchEventsQueryDto,
  MatchEventsViewDto,
  RecordMatchEventDto,
  SetLineupDto,
} from './dto/match-event.dto';
import { MatchLineupsViewDto } from './dto/match-lineups-view.dto';
import { MatchEventsService } from './match-events.service';
import { MatchLineupsService } from './match-lineups.service';

@ApiTags('match events')
@Controller('api/v1/matches/:matchId')
export class MatchEventsController {
  constructor(
    private readonly events: MatchEventsService,
    private readonly lineups: MatchLineupsService,
  ) {}

  @Public()
  @Get('events')
  @ApiOkResponse({ type: MatchEventsViewDto })
  list(
    @Param('matchId', ParseUUIDPipe) matchId: string,
    @Query() query: MatchEventsQueryDto,
    @OptionalActor() actor?: Actor,
  ): Promise<MatchEventsViewDto> {
    return this.events.list(matchId, query, actor);
  }

  @Authenticated()
  @RateLimit({ limit: 600, ttlSeconds: 3600 })
  @Post('events')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request records the event once' })
  @ApiCreatedResponse({ type: MatchEventDto })
  async record(
    @CurrentActor() actor: Actor,
    @Param('matchId', ParseUUIDPipe) matchId: string,
    @Body() dto: RecordMatchEventDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MatchEventDto> {
    const { event, created } = await this.events.record(actor, matchId, dto, idempotencyKey);
    void reply.status(created ? 201 : 200);
    return event;
  }

  @Public()
  @Get('lineups')
  @ApiOkResponse({ type: MatchLineupsViewDto, description: 'Both teams, home first, with names, avatars and logos' })
  lineupsView(
    @Param('matchId', ParseUUIDPipe) matchId: string,
    @OptionalActor() actor?: Actor,
  ): Promise<MatchLineupsViewDto> {
    return this.lineups.view(matchId, actor);
  }

  @Authenticated()
  @Put('lineups/:teamId')
  @ApiOkResponse({ type: SetLineupDto })
  setLineup(
    @CurrentActor() actor: Actor,
    @Param('matchId', ParseUUIDPipe) matchId: string,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: SetLineupDto,
  ): Promise<SetLineupDto> {
    return this.events.setLineup(actor, matchId, teamId, dto);
  }
}
