import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Authenticated,
  CurrentActor,
  IdempotencyKey,
  type Page,
  Public,
  RateLimit,
} from '@prodvor/platform';
import type { FastifyReply } from 'fastify';
import { CreateTeamDto } from './dto/create-team.dto';
import { ListTeamsQueryDto } from './dto/list-teams.query.dto';
import { TeamDto, TeamPageOfListDto } from './dto/team.dto';
import { TeamPageDto } from './dto/team-page.dto';
import { UpdateTeamDto } from './dto/update-team.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: TeamPageOfListDto })
  list(@Query() query: ListTeamsQueryDto): Promise<Page<TeamDto>> {
    return this.teams.list(query);
  }

  @Authenticated()
  @RateLimit({ limit: 20, ttlSeconds: 3600 })
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key create one team' })
  @ApiCreatedResponse({ type: TeamDto })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateTeamDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TeamDto> {
    const { team, created } = await this.teams.create(actor, dto, idempotencyKey);
    void reply.status(created ? 201 : 200);
    return team;
  }

  @Public()
  @Get(':teamId')
  @ApiOkResponse({ type: TeamPageDto })
  page(@Param('teamId', ParseUUIDPipe) teamId: string): Promise<TeamPageDto> {
    return this.teams.page(teamId);
  }

  @Authenticated()
  @Patch(':teamId')
  @ApiOkResponse({ type: TeamDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: UpdateTeamDto,
  ): Promise<TeamDto> {
    return this.teams.update(actor, teamId, dto);
  }

  @Authenticated()
  @Post(':teamId/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: TeamDto })
  archive(@CurrentActor() actor: Actor, @Param('teamId', ParseUUIDPipe) teamId: string): Promise<TeamDto> {
    return this.teams.archive(actor, teamId);
  }
}
