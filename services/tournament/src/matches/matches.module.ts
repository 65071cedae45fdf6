import { Module } from '@nestjs/common';
import { TournamentProgress } from './tournament-progress';
import { RatingsModule } from '../ratings/ratings.module';
import { MatchContext } from './match-context';
import { MatchQueriesService } from './match-queries.service';
import { MatchResultsService } from './match-results.service';
import { MatchScheduleService } from './match-schedule.service';
import { MatchesController } from './matches.controller';
import { MatchesRepository } from './matches.repository';
import { ResultSweeper } from './result-sweeper';
import { MatchTeamsNotifier } from './match-teams-notifier';

@Module({
  imports: [RatingsModule],
  controllers: [MatchesController],
  providers: [
    MatchesRepository,
    MatchContext,
    TournamentProgress,
    MatchResultsService,
    MatchScheduleService,
    MatchQueriesService,
    ResultSweeper,
    MatchTeamsNotifier,
  ],
  exports: [MatchesRepository, MatchContext, MatchResultsService, TournamentProgress],
})
export class MatchesModule {}
