import { Module } from '@nestjs/common';
import { MatchEventsModule } from '../match-events/match-events.module';
import { MatchesModule } from '../matches/matches.module';
import { PlacementsService } from './placements.service';
import { StandingsController } from './standings.controller';
import { StandingsService } from './standings.service';

@Module({
  imports: [MatchesModule, MatchEventsModule],
  controllers: [StandingsController],
  providers: [StandingsService, PlacementsService],
  exports: [StandingsService, PlacementsService],
})
export class StandingsModule {}
