import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { ImageVariantMaker } from './image-variants';
import { MediaProcessConsumer } from './media-process.consumer';
import { MediaProcessingService } from './media-processing.service';
import { VideoMediaRepository } from './video-media.repository';
import { VideoPosterMaker } from './video-poster';
import { VideoTools } from './video-tools';

@Module({
  imports: [MediaModule],
  providers: [
    ImageVariantMaker,
    VideoTools,
    VideoPosterMaker,
    VideoMediaRepository,
    MediaProcessingService,
    MediaProcessConsumer,
  ],
  exports: [ImageVariantMaker],
})
export class ProcessingModule {}
