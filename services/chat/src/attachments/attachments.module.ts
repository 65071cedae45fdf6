import { Module } from '@nestjs/common';
import { AttachmentGrantsController } from './attachment-grants.controller';
import { AttachmentGrantsService } from './attachment-grants.service';
import { AttachmentsService } from './attachments.service';
import { MediaAssetsRepository } from './media-assets.repository';
import { MediaGrantSigner } from './media-grant.signer';
import { MediaResultsConsumer } from './media-results.consumer';
import { MessageAttachmentsRepository } from './message-attachments.repository';

@Module({
  controllers: [AttachmentGrantsController],
  providers: [
    MediaAssetsRepository,
    AttachmentsService,
    MediaResultsConsumer,
    MessageAttachmentsRepository,
    MediaGrantSigner,
    AttachmentGrantsService,
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
