import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  CurrentActor,
  IdempotencyKey,
  OptionalActor,
  type Page,
  Public,
  RateLimit,
  Roles,
} from '@prodvor/platform';
import type { FastifyReply } from 'fastify';
import { CreateTournamentDto } from './dto/create-tournament.dto';
import { ListTournamentsQueryDto } from './dto/list-tournaments.query.dto';
import { TournamentDto, TournamentPageDto } from './dto/tournament.dto';
import { UpdateTournamentDto } from './dto/update-tournament.dto';
import { TournamentsService } from './tournaments.service';

@ApiTags('tournaments')
@Controller('api/v1/tournaments')
export class TournamentsController {
  constructor(private readonly tournaments: TournamentsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: TournamentPageDto })
  list(@Query() query: ListTournamentsQueryDto, @OptionalActor() actor?: Actor): Promise<Page<TournamentDto>> {
    return this.tournaments.list(query, actor);
  }

  @Roles('organizer', 'admin')
  @RateLimit({ limit: 30, ttlSeconds: 3600 })
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key create one' })
  @ApiCreatedResponse({ type: TournamentDto })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateTournamentDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TournamentDto> {
    const { tournament, created } = await this.tournaments.create(actor, dto, idempotencyKey);
    void reply.status(created ? 201 : 200);
    return tournament;
  }

  @Public()
  @Get(':tournamentId')
  @ApiOkResponse({ type: TournamentDto })
  get(
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @OptionalActor() actor?: Actor,
  ): Promise<TournamentDto> {
    return this.tournaments.get(tournamentId, actor);
  }

  @Roles('organizer', 'admin')
  @Patch(':tournamentId')
  @ApiOkResponse({ type: TournamentDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Body() dto: UpdateTournamentDto,
  ): Promise<TournamentDto> {
    return this.tournaments.update(actor, tournamentId, dto);
  }

  @Roles('organizer', 'admin')
  @Post(':tournamentId/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: TournamentDto })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
  ): Promise<TournamentDto> {
    return this.tournaments.cancel(actor, tournamentId);
  }
}
