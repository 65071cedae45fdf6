import { Global, Module } from '@nestjs/common';
import { TournamentNotificationsPublisher } from './tournament-notifications.publisher';
import { TeamsNotifier } from './teams-notifier';

@Global()
@Module({
  providers: [TournamentNotificationsPublisher, TeamsNotifier],
  exports: [TournamentNotificationsPublisher, TeamsNotifier],
})
export class EventsModule {}
