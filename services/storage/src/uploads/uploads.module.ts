import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { UploadCompletionService } from './upload-completion.service';
import { UploadSweeper } from './upload-sweeper';
import { UploadsController } from './uploads.controller';
import { UploadsRepository } from './uploads.repository';
import { UploadsService } from './uploads.service';

@Module({
  imports: [MediaModule],
  controllers: [UploadsController],
  providers: [UploadsRepository, UploadsService, UploadCompletionService, UploadSweeper],
  exports: [UploadsRepository, UploadsService],
})
export class UploadsModule {}
