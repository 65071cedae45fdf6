import { Module } from '@nestjs/common';
import { TournamentProgress } from '../fixtures/tournament-progress';
import { MatchContext } from './match-context';
import { MatchQueriesService } from './match-queries.service';
import { MatchResultsService } from './match-results.service';
import { MatchScheduleService } from './match-schedule.service';
import { MatchesController } from './matches.controller';
import { MatchesRepository } from './matches.repository';
import { ResultSweeper } from './result-sweeper';

@Module({
  controllers: [MatchesController],
  providers: [
    MatchesRepository,
    MatchContext,
    TournamentProgress,
    MatchResultsService,
    MatchScheduleService,
    MatchQueriesService,
    ResultSweeper,
  ],
  exports: [MatchesRepository, MatchContext, MatchResultsService, TournamentProgress],
})
export class MatchesModule {}
