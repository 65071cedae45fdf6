import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, type Page } from '@prodvor/platform';
import { OccurrencesQueryDto } from './dto/occurrences.query.dto';
import { AttendanceInputDto, AttendanceListDto, OccurrenceRsvpsDto, RsvpDto, RsvpInputDto } from './dto/rsvp.dto';
import { OccurrenceDto, OccurrencePageDto } from './dto/team-event.dto';
import { OccurrenceParamPipe } from './occurrence-param.pipe';
import { OccurrencesService } from './occurrences.service';
import { WaitlistService } from './waitlist.service';

const OCCURRENCE = { name: 'occurrence', description: 'Original start of the occurrence (ISO 8601 UTC)' };

/** The schedule members see, their answers (RSVP with capacity and waitlist) and the attendance managers record. */
@ApiTags('team events')
@Authenticated()
@Controller('api/v1/teams/:teamId')
export class OccurrencesController {
  constructor(
    private readonly occurrences: OccurrencesService,
    private readonly waitlist: WaitlistService,
  ) {}

  @Get('occurrences')
  @ApiOkResponse({ type: OccurrencePageDto })
  window(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: OccurrencesQueryDto,
  ): Promise<Page<OccurrenceDto>> {
    return this.occurrences.window(actor, teamId, query);
  }

  @Put('events/:eventId/occurrences/:occurrence/rsvp')
  @ApiParam(OCCURRENCE)
  @ApiOkResponse({ type: RsvpDto })
  answer(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('occurrence', OccurrenceParamPipe) occurrence: Date,
    @Body() dto: RsvpInputDto,
  ): Promise<RsvpDto> {
    return this.waitlist.answer(actor, teamId, eventId, occurrence, dto.response);
  }

  @Get('events/:eventId/occurrences/:occurrence/rsvps')
  @ApiParam(OCCURRENCE)
  @ApiOkResponse({ type: OccurrenceRsvpsDto })
  answers(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('occurrence', OccurrenceParamPipe) occurrence: Date,
  ): Promise<OccurrenceRsvpsDto> {
    return this.waitlist.list(actor, teamId, eventId, occurrence);
  }

  @Put('events/:eventId/occurrences/:occurrence/attendance')
  @ApiParam(OCCURRENCE)
  @ApiOkResponse({ type: AttendanceListDto })
  recordAttendance(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('occurrence', OccurrenceParamPipe) occurrence: Date,
    @Body() dto: AttendanceInputDto,
  ): Promise<AttendanceListDto> {
    return this.occurrences.recordAttendance(actor, teamId, eventId, occurrence, dto);
  }

  @Get('events/:eventId/occurrences/:occurrence/attendance')
  @ApiParam(OCCURRENCE)
  @ApiOkResponse({ type: AttendanceListDto })
  attendance(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('occurrence', OccurrenceParamPipe) occurrence: Date,
  ): Promise<AttendanceListDto> {
    return this.occurrences.attendanceOf(actor, teamId, eventId, occurrence);
  }
}
