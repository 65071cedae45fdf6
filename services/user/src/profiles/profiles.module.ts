import { Module } from '@nestjs/common';
import { HomeModule } from '../home/home.module';
import { AccountDeletionService } from './account-deletion.service';
import { AvatarPresenter } from './avatar.presenter';
import { ProfilesController } from './profiles.controller';
import { ProfilesRepository } from './profiles.repository';
import { ProfilesService } from './profiles.service';
import { PublicProfileCache } from './public-profile.cache';

@Module({
  imports: [HomeModule],
  controllers: [ProfilesController],
  providers: [AccountDeletionService, ProfilesService, ProfilesRepository, PublicProfileCache, AvatarPresenter],
  exports: [ProfilesService, ProfilesRepository, PublicProfileCache],
})
export class ProfilesModule {}
