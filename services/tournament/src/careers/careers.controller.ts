import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, OptionalActor, Public } from '@prodvor/platform';
import { CareerQueryDto, PlayerCareerDto, TeamCareerDto } from './career.dto';
import { CareersService } from './careers.service';

@ApiTags('careers')
@Controller('api/v1')
export class CareersController {
  constructor(private readonly careers: CareersService) {}

  @Public()
  @Get('players/:userId/career')
  @ApiOkResponse({ type: PlayerCareerDto, description: 'Empty for a user without counted matches' })
  player(
    @Param('userId', ParseUUIDPipe) userId: string,
    @Query() query: CareerQueryDto,
    @OptionalActor() actor?: Actor,
  ): Promise<PlayerCareerDto> {
    return this.careers.playerCareer(userId, query, actor);
  }

  @Public()
  @Get('teams/:teamId/career')
  @ApiOkResponse({ type: TeamCareerDto })
  team(
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: CareerQueryDto,
    @OptionalActor() actor?: Actor,
  ): Promise<TeamCareerDto> {
    return this.careers.teamCareer(teamId, query, actor);
  }
}
