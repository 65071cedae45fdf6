import { Module } from '@nestjs/common';
import { DevicesController } from './devices.controller';
import { DevicesRepository } from './devices.repository';
import { DevicesService } from './devices.service';
import { VapidKeys } from './vapid-keys';
import { WebPushSubscriptionsController } from './web-push-subscriptions.controller';
import { WebPushSubscriptionsRepository } from './web-push-subscriptions.repository';
import { WebPushSubscriptionsService } from './web-push-subscriptions.service';

@Module({
  // The web-push routes first: `/devices/web-push/...` must not reach `/devices/:deviceId`.
  controllers: [WebPushSubscriptionsController, DevicesController],
  providers: [
    DevicesService,
    DevicesRepository,
    VapidKeys,
    WebPushSubscriptionsService,
    WebPushSubscriptionsRepository,
  ],
  exports: [DevicesRepository, WebPushSubscriptionsRepository, VapidKeys],
})
export class DevicesModule {}
