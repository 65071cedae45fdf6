import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { EmailChannel } from './email.channel';
import { NOTIFICATION_CHANNELS } from './notification-channel';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationsConsumer } from './notifications.consumer';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [ProfilesModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationsRepository,
    NotificationDeliveryService,
    NotificationsConsumer,
    EmailChannel,
    { provide: NOTIFICATION_CHANNELS, inject: [EmailChannel], useFactory: (email: EmailChannel) => [email] },
  ],
  exports: [EmailChannel],
})
export class NotificationsModule {}
