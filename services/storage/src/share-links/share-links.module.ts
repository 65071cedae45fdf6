import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { ShareDownloadsController, ShareLinksController } from './share-links.controller';
import { ShareLinksRepository } from './share-links.repository';
import { ShareLinksService } from './share-links.service';

@Module({
  imports: [MediaModule],
  controllers: [ShareLinksController, ShareDownloadsController],
  providers: [ShareLinksRepository, ShareLinksService],
})
export class ShareLinksModule {}
