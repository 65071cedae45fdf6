import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { UserDeletedConsumer } from './user-deleted.consumer';

@Module({ imports: [MembersModule], providers: [UserDeletedConsumer] })
export class UserEventsModule {}
