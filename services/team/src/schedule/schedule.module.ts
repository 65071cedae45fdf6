import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { TeamsModule } from '../teams/teams.module';
import { AttendanceRepository } from './attendance.repository';
import { CalendarController } from './calendar.controller';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { CalendarService } from './calendar.service';
import { OccurrencesController } from './occurrences.controller';
import { OccurrencesService } from './occurrences.service';
import { BalancerClient } from './pickup/balancer.client';
import { PickupController } from './pickup/pickup.controller';
import { PickupRepository } from './pickup/pickup.repository';
import { PickupService } from './pickup/pickup.service';
import { ReminderConsumer } from './reminders/reminder.consumer';
import { ReminderPublisher } from './reminders/reminder.publisher';
import { ReminderScheduler } from './reminders/reminder.scheduler';
import { RosterDeparturesConsumer } from './roster-departures.consumer';
import { RsvpsRepository } from './rsvps.repository';
import { ScheduleAccess } from './schedule-access';
import { ScheduleNotifier } from './schedule-notifier';
import { TeamEventsController } from './team-events.controller';
import { TeamEventsRepository } from './team-events.repository';
import { TeamEventsService } from './team-events.service';
import { WaitlistService } from './waitlist.service';

/** Team events (issue #20): schedule, occurrences, RSVP with waitlist, attendance, iCal feeds, reminders, pickup games. */
@Module({
  imports: [TeamsModule, MembersModule],
  controllers: [TeamEventsController, OccurrencesController, CalendarController, PickupController],
  providers: [
    TeamEventsService,
    OccurrencesService,
    WaitlistService,
    CalendarService,
    PickupService,
    PickupRepository,
    BalancerClient,
    ScheduleAccess,
    ScheduleNotifier,
    TeamEventsRepository,
    RsvpsRepository,
    AttendanceRepository,
    CalendarFeedsRepository,
    ReminderPublisher,
    ReminderScheduler,
    ReminderConsumer,
    RosterDeparturesConsumer,
  ],
})
export class ScheduleModule {}
