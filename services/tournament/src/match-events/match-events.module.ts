import { Module } from '@nestjs/common';
import { MatchesModule } from '../matches/matches.module';
import { MatchEventsController } from './match-events.controller';
import { MatchEventsService } from './match-events.service';
import { MatchLineupsRepository } from './match-lineups.repository';
import { MatchLineupsService } from './match-lineups.service';

@Module({
  imports: [MatchesModule],
  controllers: [MatchEventsController],
  providers: [MatchEventsService, MatchLineupsRepository, MatchLineupsService],
  exports: [MatchLineupsRepository],
})
export class MatchEventsModule {}
