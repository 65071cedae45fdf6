import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AccountActor,
  Authenticated,
  CurrentAccountActor,
  CursorPaginationQueryDto,
  type Page,
} from '@prodvor/platform';
import { MyActionPageDto, type MyActionDto } from './dto/my-actions.dto';
import { MyEventPageDto, MyEventsQueryDto, type MyEventOccurrenceDto } from './dto/my-events.dto';
import { MyMatchPageDto, type MyMatchDto } from './dto/my-matches.dto';
import { MyTeamPageDto, type MyTeamDto } from './dto/my-teams.dto';
import { MyActionsService } from './my-actions.service';
import { MyEventsService } from './my-events.service';
import { MyMatchesService } from './my-matches.service';
import { MyTeamsService } from './my-teams.service';

/** The caller's home view: only ever their own, from read models fed by team and tournament events. */
@ApiTags('me')
@Authenticated()
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly teams: MyTeamsService,
    private readonly matches: MyMatchesService,
    private readonly events: MyEventsService,
    private readonly actions: MyActionsService,
  ) {}

  @Get('teams')
  @ApiOperation({ summary: 'My teams (not archived) with my role' })
  @ApiOkResponse({ type: MyTeamPageDto })
  myTeams(
    @CurrentAccountActor() actor: AccountActor,
    @Query() query: CursorPaginationQueryDto,
  ): Promise<Page<MyTeamDto>> {
    return this.teams.list(actor, query);
  }

  @Get('matches')
  @ApiOperation({
    summary: 'Open matches of my teams (not final, tournament not cancelled), by start; untimed matches left out',
  })
  @ApiOkResponse({ type: MyMatchPageDto })
  myMatches(
    @CurrentAccountActor() actor: AccountActor,
    @Query() query: CursorPaginationQueryDto,
  ): Promise<Page<MyMatchDto>> {
    return this.matches.list(actor, query);
  }

  @Get('events')
  @ApiOperation({ summary: "Occurrences of my teams' events in a window (default the next 28 days, at most 92)" })
  @ApiOkResponse({ type: MyEventPageDto })
  myEvents(
    @CurrentAccountActor() actor: AccountActor,
    @Query() query: MyEventsQueryDto,
  ): Promise<Page<MyEventOccurrenceDto>> {
    return this.events.list(actor, query);
  }

  @Get('actions')
  @ApiOperation({
    summary: 'What I must do: invitations, join requests to decide, results to confirm, RSVPs due; by deadline',
  })
  @ApiOkResponse({ type: MyActionPageDto })
  myActions(
    @CurrentAccountActor() actor: AccountActor,
    @Query() query: CursorPaginationQueryDto,
  ): Promise<Page<MyActionDto>> {
    return this.actions.list(actor, query);
  }
}
