import { Global, Module } from '@nestjs/common';
import { PlayerViewsRepository } from './player-views.repository';
import { UserProfilesConsumer } from './user-profiles.consumer';

@Global()
@Module({ providers: [PlayerViewsRepository, UserProfilesConsumer], exports: [PlayerViewsRepository] })
export class PlayersViewModule {}
