import { Global, Module } from '@nestjs/common';
import { TournamentAccess } from './tournament-access';
import { TournamentCache } from './tournament-cache';
import { TournamentsController } from './tournaments.controller';
import { TournamentsRepository } from './tournaments.repository';
import { TournamentsService } from './tournaments.service';

@Global()
@Module({
  controllers: [TournamentsController],
  providers: [TournamentsRepository, TournamentAccess, TournamentCache, TournamentsService],
  exports: [TournamentsRepository, TournamentAccess, TournamentCache],
})
export class TournamentsModule {}
