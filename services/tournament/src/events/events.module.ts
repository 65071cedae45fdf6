import { Global, Module } from '@nestjs/common';
import { PendingNotifications } from './pending-notifications';
import { TournamentEventsPublisher } from './tournament-events.publisher';

@Global()
@Module({
  providers: [TournamentEventsPublisher, PendingNotifications],
  exports: [TournamentEventsPublisher, PendingNotifications],
})
export class EventsModule {}
