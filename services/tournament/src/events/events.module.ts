import { Global, Module } from '@nestjs/common';
import { PendingNotifications } from './pending-notifications';
import { TeamsNotifier } from './teams-notifier';
import { TournamentEventsPublisher } from './tournament-events.publisher';

@Global()
@Module({
  providers: [TournamentEventsPublisher, PendingNotifications, TeamsNotifier],
  exports: [TournamentEventsPublisher, PendingNotifications, TeamsNotifier],
})
export class EventsModule {}
