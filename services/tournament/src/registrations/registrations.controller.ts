import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, type Page, RateLimit, Roles } from '@prodvor/platform';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  ListRegistrationsQueryDto,
  RegisterTeamDto,
  RegistrationDto,
  RegistrationPageDto,
} from './dto/registration.dto';
import { RegistrationsService } from './registrations.service';

export class ApproveRegistrationDto {
  @ApiProperty({ required: false, minimum: 1, maximum: 256, description: 'Seed (1 = strongest)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(256)
  seed?: number;
}

@ApiTags('registrations')
@Controller('api/v1/tournaments/:tournamentId/registrations')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Authenticated()
  @RateLimit({ limit: 30, ttlSeconds: 3600 })
  @Post()
  @ApiCreatedResponse({ type: RegistrationDto })
  register(
    @CurrentActor() actor: Actor,
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Body() dto: RegisterTeamDto,
  ): Promise<RegistrationDto> {
    return this.registrations.register(actor, tournamentId, dto.teamId, dto.inviteCode);
  }

  @Authenticated()
  @Get()
  @ApiOkResponse({ type: RegistrationPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Query() query: ListRegistrationsQueryDto,
  ): Promise<Page<RegistrationDto>> {
    return this.registrations.list(actor, tournamentId, query);
  }

  @Roles('organizer', 'admin')
  @Post(':teamId/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrationDto })
  approve(
    @CurrentActor() actor: Actor,
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: ApproveRegistrationDto,
  ): Promise<RegistrationDto> {
    return this.registrations.decide(actor, tournamentId, teamId, 'approved', dto.seed);
  }

  @Roles('organizer', 'admin')
  @Post(':teamId/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrationDto })
  reject(
    @CurrentActor() actor: Actor,
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Param('teamId', ParseUUIDPipe) teamId: string,
  ): Promise<RegistrationDto> {
    return this.registrations.decide(actor, tournamentId, teamId, 'rejected');
  }

  @Authenticated()
  @Post(':teamId/check-in')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrationDto })
  checkIn(
    @CurrentActor() actor: Actor,
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Param('teamId', ParseUUIDPipe) teamId: string,
  ): Promise<RegistrationDto> {
    return this.registrations.checkIn(actor, tournamentId, teamId);
  }

  @Authenticated()
  @Post(':teamId/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrationDto })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('tournamentId', ParseUUIDPipe) tournamentId: string,
    @Param('teamId', ParseUUIDPipe) teamId: string,
  ): Promise<RegistrationDto> {
    return this.registrations.withdraw(actor, tournamentId, teamId);
  }
}
