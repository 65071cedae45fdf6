import { Module } from '@nestjs/common';
import { MatchFeedModule } from '../match-feed/match-feed.module';
import { MessagesModule } from '../messages/messages.module';
import { InAppNotificationsConsumer } from '../notifications/in-app-notifications.consumer';
import { ReceiptsModule } from '../receipts/receipts.module';
import { ChatSocketServer } from './chat-socket.server';
import { FanoutConsumer } from './fanout.consumer';
import { RoomEvictions } from './room-evictions';
import { SocketSession } from './socket-session';

@Module({
  imports: [MessagesModule, ReceiptsModule, MatchFeedModule],
  providers: [ChatSocketServer, SocketSession, FanoutConsumer, RoomEvictions, InAppNotificationsConsumer],
  exports: [ChatSocketServer, FanoutConsumer],
})
export class RealtimeModule {}
