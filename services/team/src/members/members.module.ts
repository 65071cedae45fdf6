import { Module } from '@nestjs/common';
import { TeamsModule } from '../teams/teams.module';
import { RosterService } from './roster.service';
import { TeamMembersController } from './team-members.controller';
import { TeamMembersRepository } from './team-members.repository';
import { TeamMembersService } from './team-members.service';

@Module({
  imports: [TeamsModule],
  controllers: [TeamMembersController],
  providers: [TeamMembersService, TeamMembersRepository, RosterService],
  exports: [TeamMembersRepository, RosterService],
})
export class MembersModule {}
