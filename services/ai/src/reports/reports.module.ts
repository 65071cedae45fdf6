import { Module } from '@nestjs/common';
import { AiRedis } from '../common/ai-redis';
import { TournamentServiceModule } from '../tournament-service/tournament-service.module';
import { MatchEventsConsumer } from './match-events.consumer';
import { MatchEventsStore } from './match-events.store';
import { MatchReportService } from './match-report.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [TournamentServiceModule],
  controllers: [ReportsController],
  providers: [
    { provide: MatchEventsStore, inject: [AiRedis], useFactory: (redis: AiRedis) => new MatchEventsStore(redis) },
    MatchReportService,
    MatchEventsConsumer,
  ],
  exports: [MatchEventsStore, MatchReportService],
})
export class ReportsModule {}
