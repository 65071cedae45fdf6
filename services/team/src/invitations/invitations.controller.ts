import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Authenticated,
  CurrentActor,
  CursorPaginationQueryDto,
  type Page,
  RateLimit,
} from '@prodvor/platform';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { InvitationDto, InvitationListDto, InvitationPageDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Authenticated()
@Controller('api/v1')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('teams/:teamId/invitations')
  @RateLimit({ limit: 60, ttlSeconds: 3600 })
  @ApiCreatedResponse({ type: InvitationDto })
  invite(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: CreateInvitationDto,
  ): Promise<InvitationDto> {
    return this.invitations.invite(actor, teamId, dto);
  }

  @Get('teams/:teamId/invitations')
  @ApiOkResponse({ type: InvitationPageDto, description: 'Pending invitations of the team (managers only)' })
  listForTeam(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: CursorPaginationQueryDto,
  ): Promise<Page<InvitationDto>> {
    return this.invitations.listForTeam(actor, teamId, query);
  }

  @Get('invitations')
  @ApiOkResponse({ type: InvitationListDto, description: "The caller's open invitations" })
  async listMine(@CurrentActor() actor: Actor): Promise<InvitationListDto> {
    return { items: await this.invitations.listMine(actor) };
  }

  @Post('invitations/:invitationId/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationDto })
  accept(
    @CurrentActor() actor: Actor,
    @Param('invitationId', ParseUUIDPipe) invitationId: string,
  ): Promise<InvitationDto> {
    return this.invitations.accept(actor, invitationId);
  }

  @Post('invitations/:invitationId/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationDto })
  decline(
    @CurrentActor() actor: Actor,
    @Param('invitationId', ParseUUIDPipe) invitationId: string,
  ): Promise<InvitationDto> {
    return this.invitations.decline(actor, invitationId);
  }

  @Post('invitations/:invitationId/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationDto })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('invitationId', ParseUUIDPipe) invitationId: string,
  ): Promise<InvitationDto> {
    return this.invitations.revoke(actor, invitationId);
  }
}
