import { Module } from '@nestjs/common';
import { AttachmentsService } from './attachments.service';
import { MediaAssetsRepository } from './media-assets.repository';
import { MediaResultsConsumer } from './media-results.consumer';

@Module({
  providers: [MediaAssetsRepository, AttachmentsService, MediaResultsConsumer],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
