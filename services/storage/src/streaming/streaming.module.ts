import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { ProcessingModule } from '../processing/processing.module';
import { MultipartPassthrough } from './multipart-passthrough';
import { StreamUploadController } from './stream-upload.controller';
import { StreamUploadService } from './stream-upload.service';

@Module({
  imports: [MediaModule, ProcessingModule],
  controllers: [StreamUploadController],
  providers: [StreamUploadService, MultipartPassthrough],
})
export class StreamingModule {}
