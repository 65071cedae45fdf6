import { Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, Public, RateLimit } from '@prodvor/platform';
import { CalendarService, type FeedToken } from './calendar.service';

export class FeedTokenDto implements FeedToken {
  @ApiProperty({ description: 'The secret; shown once, only its hash is kept' }) token!: string;
  @ApiProperty({ example: '/api/v1/team-event-feeds/<token>.ics' }) path!: string;
}

/** iCalendar feeds of team events: the team's (members, bearer token) and my personal one (secret URL). */
@ApiTags('team events')
@Controller('api/v1')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Authenticated()
  @Get('teams/:teamId/events.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar feed of the team’s events (members only)', type: String })
  team(@CurrentActor() actor: Actor, @Param('teamId', ParseUUIDPipe) teamId: string): Promise<string> {
    return this.calendar.teamFeed(actor, teamId);
  }

  /** Calendar apps cannot send a bearer token: the secret in the path is the capability. */
  @Public()
  @RateLimit({ limit: 60, ttlSeconds: 60 })
  @Get('team-event-feeds/:token.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar feed of the events of all my teams', type: String })
  personal(@Param('token') token: string): Promise<string> {
    return this.calendar.personalFeed(token);
  }

  @Authenticated()
  @RateLimit({ limit: 10, ttlSeconds: 3600 })
  @Post('team-event-feed-token')
  @ApiCreatedResponse({ type: FeedTokenDto, description: 'A new secret feed URL; the previous one stops working' })
  rotate(@CurrentActor() actor: Actor): Promise<FeedTokenDto> {
    return this.calendar.rotate(actor);
  }

  @Authenticated()
  @Delete('team-event-feed-token')
  @HttpCode(204)
  @ApiNoContentResponse()
  revoke(@CurrentActor() actor: Actor): Promise<void> {
    return this.calendar.revoke(actor);
  }
}
