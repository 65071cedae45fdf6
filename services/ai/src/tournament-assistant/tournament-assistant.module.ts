import { Module, type Provider } from '@nestjs/common';
import { AppConfig, MetricsService } from '@prodvor/platform';
import type { AiConfig } from '../config/ai.config';
import { TournamentAssistantController } from './tournament-assistant.controller';
import { TOURNAMENT_READER, TournamentAssistantService } from './tournament-assistant.service';
import { TournamentServiceClient } from './tournament-service.client';

const tournamentReader: Provider = {
  provide: TOURNAMENT_READER,
  inject: [AppConfig, MetricsService],
  useFactory: (config: AppConfig<AiConfig>, metrics: MetricsService) =>
    new TournamentServiceClient(config.get('TOURNAMENT_SERVICE_URL'), {
      timeoutMs: config.get('TOURNAMENT_SERVICE_TIMEOUT_MS'),
      registry: metrics.registry,
    }),
};

@Module({
  controllers: [TournamentAssistantController],
  providers: [tournamentReader, TournamentAssistantService],
})
export class TournamentAssistantModule {}
