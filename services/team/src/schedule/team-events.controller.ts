import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Authenticated,
  CurrentActor,
  CursorPaginationQueryDto,
  IdempotencyKey,
  type Page,
  RateLimit,
} from '@prodvor/platform';
import type { FastifyReply } from 'fastify';
import { CreateTeamEventDto, OccurrenceOverrideDto, UpdateTeamEventDto } from './dto/team-event-input.dto';
import { OccurrenceDto, TeamEventDto, TeamEventListDto } from './dto/team-event.dto';
import { OccurrenceParamPipe } from './occurrence-param.pipe';
import { TeamEventsService } from './team-events.service';

const OCCURRENCE = { name: 'occurrence', description: 'Original start of the occurrence (ISO 8601 UTC)' };

/** Team events: managers (captain, vice-captains) create, change and cancel; members read. */
@ApiTags('team events')
@Authenticated()
@Controller('api/v1/teams/:teamId/events')
export class TeamEventsController {
  constructor(private readonly events: TeamEventsService) {}

  @RateLimit({ limit: 60, ttlSeconds: 3600 })
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key create one event' })
  @ApiCreatedResponse({ type: TeamEventDto })
  async create(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: CreateTeamEventDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TeamEventDto> {
    const { event, created } = await this.events.create(actor, teamId, dto, idempotencyKey);
    void reply.status(created ? 201 : 200);
    return event;
  }

  @Get()
  @ApiOkResponse({ type: TeamEventListDto })
  list(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: CursorPaginationQueryDto,
  ): Promise<Page<TeamEventDto>> {
    return this.events.list(actor, teamId, query.limit, query.cursor);
  }

  @Get(':eventId')
  @ApiOkResponse({ type: TeamEventDto })
  get(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
  ): Promise<TeamEventDto> {
    return this.events.get(actor, teamId, eventId);
  }

  @Patch(':eventId')
  @ApiOkResponse({ type: TeamEventDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() dto: UpdateTeamEventDto,
  ): Promise<TeamEventDto> {
    return this.events.update(actor, teamId, eventId, dto);
  }

  @Post(':eventId/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: TeamEventDto })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
  ): Promise<TeamEventDto> {
    return this.events.cancel(actor, teamId, eventId);
  }

  @Put(':eventId/occurrences/:occurrence')
  @ApiParam(OCCURRENCE)
  @ApiOkResponse({ type: OccurrenceDto })
  override(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('occurrence', OccurrenceParamPipe) occurrence: Date,
    @Body() dto: OccurrenceOverrideDto,
  ): Promise<OccurrenceDto> {
    return this.events.override(actor, teamId, eventId, occurrence, dto);
  }
}
