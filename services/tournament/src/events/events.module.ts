import { Global, Module } from '@nestjs/common';
import { PendingNotifications } from './pending-notifications';
import { TeamsNotifier } from './teams-notifier';

@Global()
@Module({
  providers: [PendingNotifications, TeamsNotifier],
  exports: [PendingNotifications, TeamsNotifier],
})
export class EventsModule {}
