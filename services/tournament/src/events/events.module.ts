import { Global, Module } from '@nestjs/common';
import { NotificationDispatcher } from './notification-dispatcher';
import { PendingNotifications } from './pending-notifications';
import { TournamentEventsPublisher } from './tournament-events.publisher';

@Global()
@Module({
  providers: [TournamentEventsPublisher, PendingNotifications, NotificationDispatcher],
  exports: [TournamentEventsPublisher, PendingNotifications, NotificationDispatcher],
})
export class EventsModule {}
