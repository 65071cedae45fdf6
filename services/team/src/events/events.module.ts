import { Global, Module } from '@nestjs/common';
import { TeamEventsPublisher } from './team-events.publisher';
import { TeamNotificationsPublisher } from './team-notifications.publisher';

@Global()
@Module({
  providers: [TeamEventsPublisher, TeamNotificationsPublisher],
  exports: [TeamEventsPublisher, TeamNotificationsPublisher],
})
export class EventsModule {}
