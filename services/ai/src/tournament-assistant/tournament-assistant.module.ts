import { Module } from '@nestjs/common';
import { TournamentServiceModule } from '../tournament-service/tournament-service.module';
import { TournamentAssistantController } from './tournament-assistant.controller';
import { TournamentAssistantService } from './tournament-assistant.service';

@Module({
  imports: [TournamentServiceModule],
  controllers: [TournamentAssistantController],
  providers: [TournamentAssistantService],
})
export class TournamentAssistantModule {}
