import { Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, OptionalActor, Public } from '@prodvor/platform';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Public()
  @Get('tournaments/:tournamentId.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar feed of the tournament’s scheduled matches', type: String })
  tournament(
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @OptionalActor() actor?: Actor,
  ): Promise<string> {
    return this.calendar.tournamentFeed(tournamentId, actor);
  }

  @Public()
  @Get('teams/:teamId.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar feed of the team’s matches in tournaments', type: String })
  team(@Param('teamId', ParseUUIDPipe) teamId: string, @OptionalActor() actor?: Actor): Promise<string> {
    return this.calendar.teamFeed(teamId, actor);
  }
}
