import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Authenticated,
  CurrentActor,
  CursorPaginationQueryDto,
  forwardedBearer,
  type Page,
  RateLimit,
} from '@prodvor/platform';
import { OccurrenceParamPipe } from '../occurrence-param.pipe';
import {
  PickupGameDto,
  PickupResultInputDto,
  PickupSkillDto,
  PickupSkillInputDto,
  PickupStatsPageDto,
  type PickupStatsRowDto,
} from './dto/pickup.dto';
import { PickupService } from './pickup.service';

const OCCURRENCE = { name: 'occurrence', description: 'Original start of the occurrence (ISO 8601 UTC)' };
const GAME = 'events/:eventId/occurrences/:occurrence';

/** Pickup games: members' skills, the sides ai-service's balancer draws, results and the players' stats. */
@ApiTags('pickup games')
@Authenticated()
@Controller('api/v1/teams/:teamId')
export class PickupController {
  constructor(private readonly pickup: PickupService) {}

  @Put('members/:userId/pickup-skill')
  @ApiOperation({ summary: "Rate a member's pickup skill (1–10, default 5); managers only" })
  @ApiOkResponse({ type: PickupSkillDto })
  setSkill(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() dto: PickupSkillInputDto,
  ): Promise<PickupSkillDto> {
    return this.pickup.setSkill(actor, teamId, userId, dto.skill);
  }

  @Post(`${GAME}/sides`)
  @HttpCode(200)
  // Below ai-service's own 30 per minute per user, so a manager is refused here (429), never by ai-service.
  @RateLimit({ limit: 20, ttlSeconds: 60 })
  @ApiParam(OCCURRENCE)
  @ApiOperation({
    summary: 'Draw two sides from the going list (managers, pickup events, before the end)',
    description:
      'ai-service balances the players by pickup skill; 503 TEAM_EVENT_BALANCER_UNAVAILABLE when it is down.',
  })
  @ApiOkResponse({ type: PickupGameDto })
  drawSides(
    @CurrentActor() actor: Actor,
    @Headers('authorization') authorization: string | undefined,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('occurrence', OccurrenceParamPipe) occurrence: Date,
  ): Promise<PickupGameDto> {
    const bearer = forwardedBearer(authorization, actor.userId, 'call the balancer with');
    return this.pickup.drawSides(actor, bearer, teamId, eventId, occurrence);
  }

  @Get(`${GAME}/sides`)
  @ApiParam(OCCURRENCE)
  @ApiOkResponse({ type: PickupGameDto })
  game(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('occurrence', OccurrenceParamPipe) occurrence: Date,
  ): Promise<PickupGameDto> {
    return this.pickup.game(actor, teamId, eventId, occurrence);
  }

  @Put(`${GAME}/result`)
  @ApiParam(OCCURRENCE)
  @ApiOperation({ summary: 'Record the score and scorers (managers, after the start, sides drawn)' })
  @ApiOkResponse({ type: PickupGameDto })
  recordResult(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('occurrence', OccurrenceParamPipe) occurrence: Date,
    @Body() dto: PickupResultInputDto,
  ): Promise<PickupGameDto> {
    return this.pickup.recordResult(actor, teamId, eventId, occurrence, dto);
  }

  @Get('pickup-stats')
  @ApiOperation({ summary: "Members' pickup games, wins, draws, losses and goals, most games first" })
  @ApiOkResponse({ type: PickupStatsPageDto })
  stats(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: CursorPaginationQueryDto,
  ): Promise<Page<PickupStatsRowDto>> {
    return this.pickup.stats(actor, teamId, query.limit, query.cursor);
  }
}
