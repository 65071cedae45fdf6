import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { TeamsModule } from '../teams/teams.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { InviteCodesController } from './invite-codes.controller';
import { InviteCodesService } from './invite-codes.service';

@Module({
  imports: [TeamsModule, MembersModule],
  controllers: [InvitationsController, InviteCodesController],
  providers: [InvitationsService, InviteCodesService, InvitationsRepository],
})
export class InvitationsModule {}
