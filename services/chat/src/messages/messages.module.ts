import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ChatNotificationsPublisher } from '../notifications/chat-notifications.publisher';
import { OfflineDeliveryService } from '../notifications/offline-delivery.service';
import { OfflineNotifier } from '../notifications/offline-notifier';
import { ChatMessagesPublisher } from './chat-messages.publisher';
import { MessageSenderService } from './message-sender.service';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { PersistenceConsumer } from './persistence.consumer';

@Module({
  imports: [AttachmentsModule],
  controllers: [MessagesController],
  providers: [
    MessagesRepository,
    MessagesService,
    MessageSenderService,
    ChatMessagesPublisher,
    PersistenceConsumer,
    OfflineDeliveryService,
    OfflineNotifier,
    ChatNotificationsPublisher,
  ],
  exports: [MessagesService, MessageSenderService],
})
export class MessagesModule {}
