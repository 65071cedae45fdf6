import { Module, type Provider } from '@nestjs/common';
import { AppConfig, MetricsService } from '@prodvor/platform';
import type { AiConfig } from '../config/ai.config';
import { TournamentServiceClient } from './tournament-service.client';

/** Injection token of the `TournamentReader` (tournament-service read as the caller). */
export const TOURNAMENT_READER = Symbol('TournamentReader');

const tournamentReader: Provider = {
  provide: TOURNAMENT_READER,
  inject: [AppConfig, MetricsService],
  useFactory: (config: AppConfig<AiConfig>, metrics: MetricsService) =>
    new TournamentServiceClient(config.get('TOURNAMENT_SERVICE_URL'), {
      timeoutMs: config.get('TOURNAMENT_SERVICE_TIMEOUT_MS'),
      registry: metrics.registry,
    }),
};

/** One tournament-service client (one call policy, one breaker, one set of metrics) for every feature. */
@Module({ providers: [tournamentReader], exports: [TOURNAMENT_READER] })
export class TournamentServiceModule {}
