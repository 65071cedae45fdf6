import { RedisStore } from '@prodvor/platform';
import { Module } from '@nestjs/common';
import { TournamentServiceModule } from '../tournament-service/tournament-service.module';
import { MatchEventsConsumer } from './match-events.consumer';
import { MatchEventsStore } from './match-events.store';
import { MatchReportService } from './match-report.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [TournamentServiceModule],
  controllers: [ReportsController],
  providers: [
    { provide: MatchEventsStore, inject: [RedisStore], useFactory: (redis: RedisStore) => new MatchEventsStore(redis) },
    MatchReportService,
    MatchEventsConsumer,
  ],
  exports: [MatchEventsStore, MatchReportService],
})
export class ReportsModule {}
