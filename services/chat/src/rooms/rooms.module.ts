import { Module } from '@nestjs/common';
import { MatchFeedModule } from '../match-feed/match-feed.module';
import { ReceiptsModule } from '../receipts/receipts.module';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';

@Module({ imports: [ReceiptsModule, MatchFeedModule], controllers: [RoomsController], providers: [RoomsService] })
export class RoomsModule {}
