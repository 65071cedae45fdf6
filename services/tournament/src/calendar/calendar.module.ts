import { Module } from '@nestjs/common';
import { MatchesModule } from '../matches/matches.module';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({ imports: [MatchesModule], controllers: [CalendarController], providers: [CalendarService] })
export class CalendarModule {}
