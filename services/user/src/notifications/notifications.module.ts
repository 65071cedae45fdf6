import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { EmailChannel } from './email.channel';
import { NOTIFICATION_CHANNELS } from './notification-channel';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationsConsumer } from './notifications.consumer';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { FcmSender } from './push/fcm.sender';
import { PushDeliveryService } from './push/push-delivery.service';
import { PUSH_SENDERS } from './push/push-sender';
import { WebPushSender } from './push/web-push.sender';

@Module({
  imports: [ProfilesModule, DevicesModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationsRepository,
    NotificationDeliveryService,
    NotificationsConsumer,
    EmailChannel,
    { provide: NOTIFICATION_CHANNELS, inject: [EmailChannel], useFactory: (email: EmailChannel) => [email] },
    WebPushSender,
    FcmSender,
    {
      provide: PUSH_SENDERS,
      inject: [WebPushSender, FcmSender],
      useFactory: (webPush: WebPushSender, fcm: FcmSender) => [webPush, fcm],
    },
    PushDeliveryService,
  ],
  exports: [EmailChannel],
})
export class NotificationsModule {}
