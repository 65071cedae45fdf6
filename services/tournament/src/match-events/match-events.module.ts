import { Module } from '@nestjs/common';
import { MatchesModule } from '../matches/matches.module';
import { MatchEventsController } from './match-events.controller';
import { MatchEventsService } from './match-events.service';
import { MatchLineupsRepository } from './match-lineups.repository';

@Module({
  imports: [MatchesModule],
  controllers: [MatchEventsController],
  providers: [MatchEventsService, MatchLineupsRepository],
  exports: [MatchLineupsRepository],
})
export class MatchEventsModule {}
