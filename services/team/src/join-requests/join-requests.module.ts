import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { TeamsModule } from '../teams/teams.module';
import { JoinRequestsController } from './join-requests.controller';
import { JoinRequestsRepository } from './join-requests.repository';
import { JoinRequestsService } from './join-requests.service';

@Module({
  imports: [TeamsModule, MembersModule],
  controllers: [JoinRequestsController],
  providers: [JoinRequestsService, JoinRequestsRepository],
})
export class JoinRequestsModule {}
