import { Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, RateLimit, Roles } from '@prodvor/platform';
import { InviteDto } from './dto/invite.dto';
import { InvitesService } from './invites.service';

@ApiTags('registrations')
@Controller('api/v1/tournaments/:tournamentId/invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Roles('organizer', 'admin')
  @RateLimit({ limit: 30, ttlSeconds: 3600 })
  @Post()
  @ApiCreatedResponse({ type: InviteDto })
  issue(@CurrentActor() actor: Actor, @Param('tournamentId', ParseUUIDPipe) tournamentId: string): Promise<InviteDto> {
    return this.invites.issue(actor, tournamentId);
  }
}
