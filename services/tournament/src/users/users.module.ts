import { Module } from '@nestjs/common';
import { MatchesModule } from '../matches/matches.module';
import { UserDeletedConsumer } from './user-deleted.consumer';

@Module({ imports: [MatchesModule], providers: [UserDeletedConsumer] })
export class UsersModule {}
