import { Global, Module } from '@nestjs/common';
import { TeamNotificationsPublisher } from './team-notifications.publisher';

@Global()
@Module({
  providers: [TeamNotificationsPublisher],
  exports: [TeamNotificationsPublisher],
})
export class EventsModule {}
