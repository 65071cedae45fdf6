import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@prodvor/platform';
import { TeamRatingDto } from './rating.dto';
import { RatingsService } from './ratings.service';

@ApiTags('ratings')
@Controller('api/v1')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Public()
  @Get('teams/:teamId/rating')
  @ApiOkResponse({ type: TeamRatingDto, description: 'A known team without rated matches is 1500, unranked' })
  @ApiNotFoundResponse({ description: 'RATING_TEAM_NOT_FOUND: a team this service has never heard of' })
  team(@Param('teamId', ParseUUIDPipe) teamId: string): Promise<TeamRatingDto> {
    return this.ratings.teamRating(teamId);
  }
}
