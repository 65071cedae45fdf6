import { Module } from '@nestjs/common';
import { MediaJobsPublisher } from '../processing/media-jobs.publisher';
import { MediaGrantVerifier } from './media-grant.verifier';
import { MediaIntakeService } from './media-intake.service';
import { MediaController } from './media.controller';
import { PublicMediaController } from './public-media.controller';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import { StorageUsageRepository } from './storage-usage.repository';

@Module({
  controllers: [MediaController, PublicMediaController],
  providers: [
    MediaRepository,
    StorageUsageRepository,
    MediaService,
    MediaIntakeService,
    MediaJobsPublisher,
    MediaGrantVerifier,
  ],
  exports: [MediaRepository, StorageUsageRepository, MediaService, MediaIntakeService, MediaJobsPublisher],
})
export class MediaModule {}
