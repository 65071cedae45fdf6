import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { ImageVariantMaker } from './image-variants';
import { MediaProcessConsumer } from './media-process.consumer';
import { MediaProcessingService } from './media-processing.service';

@Module({
  imports: [MediaModule],
  providers: [ImageVariantMaker, MediaProcessingService, MediaProcessConsumer],
  exports: [ImageVariantMaker],
})
export class ProcessingModule {}
