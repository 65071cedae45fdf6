import { Module } from '@nestjs/common';
import { TeamPageCache } from './team-page.cache';
import { TeamPolicy } from './team-policy';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

@Module({
  controllers: [TeamsController],
  providers: [TeamsService, TeamsRepository, TeamPolicy, TeamPageCache],
  exports: [TeamsRepository, TeamPolicy, TeamPageCache],
})
export class TeamsModule {}
