import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, OptionalActor, Public, Roles } from '@prodvor/platform';
import { DrawLotsDto, LeaderboardsDto, LeaderboardsQueryDto, StandingsDto } from './standings.dto';
import { PlacementsDto } from './placements.dto';
import { PlacementsService } from './placements.service';
import { StandingsService } from './standings.service';

@ApiTags('standings')
@Controller('api/v1/tournaments/:tournamentId')
export class StandingsController {
  constructor(
    private readonly standings: StandingsService,
    private readonly placementsService: PlacementsService,
  ) {}

  @Public()
  @Get('standings')
  @ApiOkResponse({ type: StandingsDto })
  get(
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @OptionalActor() actor?: Actor,
  ): Promise<StandingsDto> {
    return this.standings.standings(tournamentId, actor);
  }

  @Public()
  @Get('placements')
  @ApiOkResponse({ type: PlacementsDto, description: 'Final placements, or provisional ones while places are open' })
  placements(
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @OptionalActor() actor?: Actor,
  ): Promise<PlacementsDto> {
    return this.placementsService.placements(tournamentId, actor);
  }

  @Public()
  @Get('leaderboards')
  @ApiOkResponse({ type: LeaderboardsDto })
  leaderboards(
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Query() query: LeaderboardsQueryDto,
    @OptionalActor() actor?: Actor,
  ): Promise<LeaderboardsDto> {
    return this.standings.leaderboards(tournamentId, query.limit, actor);
  }

  @Roles('organizer', 'admin')
  @Post('lots')
  @HttpCode(200)
  @ApiOkResponse({ type: StandingsDto })
  drawLots(
    @CurrentActor() actor: Actor,
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Body() dto: DrawLotsDto,
  ): Promise<StandingsDto> {
    return this.standings.drawLots(actor, tournamentId, dto);
  }
}
