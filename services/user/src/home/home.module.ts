import { Module } from '@nestjs/common';
import { HomeTeamEventsConsumer } from './consumers/team-events.consumer';
import { HomeTournamentEventsConsumer } from './consumers/tournament-events.consumer';
import { HomeForgettingService } from './home-forgetting.service';
import { MeController } from './me.controller';
import { MyActionsService } from './my-actions.service';
import { MyEventsService } from './my-events.service';
import { MyMatchesService } from './my-matches.service';
import { MyTeamsService } from './my-teams.service';
import { HomeMatchesRepository } from './repositories/home-matches.repository';
import { HomeRequestsRepository } from './repositories/home-requests.repository';
import { HomeScheduleRepository } from './repositories/home-schedule.repository';
import { HomeTeamsRepository } from './repositories/home-teams.repository';

/** GET /api/v1/me/*: the caller's teams, matches, events and actions from read models fed over Kafka. */
@Module({
  controllers: [MeController],
  providers: [
    HomeTeamEventsConsumer,
    HomeTournamentEventsConsumer,
    HomeTeamsRepository,
    HomeScheduleRepository,
    HomeRequestsRepository,
    HomeMatchesRepository,
    MyTeamsService,
    MyMatchesService,
    MyEventsService,
    MyActionsService,
    HomeForgettingService,
  ],
  exports: [HomeForgettingService],
})
export class HomeModule {}
