import { Module } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import { AiRedis } from '../common/ai-redis';
import type { AiConfig } from '../config/ai.config';
import { TournamentServiceModule } from '../tournament-service/tournament-service.module';
import { MatchEventsConsumer } from './match-events.consumer';
import { MatchEventsStore } from './match-events.store';
import { MatchReportService } from './match-report.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [TournamentServiceModule],
  controllers: [ReportsController],
  providers: [
    {
      provide: AiRedis,
      inject: [AppConfig],
      useFactory: (config: AppConfig<AiConfig>) =>
        AiRedis.connect(config.get('REDIS_URL'), config.get('REDIS_KEY_PREFIX') || config.get('SERVICE_NAME')),
    },
    { provide: MatchEventsStore, inject: [AiRedis], useFactory: (redis: AiRedis) => new MatchEventsStore(redis) },
    MatchReportService,
    MatchEventsConsumer,
  ],
  exports: [MatchEventsStore, MatchReportService],
})
export class ReportsModule {}
