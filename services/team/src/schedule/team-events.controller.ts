import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, CursorPaginationQueryDto, type Page } from '@prodvor/platform';
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

  @Post()
  @ApiCreatedResponse({ type: TeamEventDto })
  create(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: CreateTeamEventDto,
  ): Promise<TeamEventDto> {
    return this.events.create(actor, teamId, dto);
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
