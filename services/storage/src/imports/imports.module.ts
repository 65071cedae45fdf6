import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { ImportRunner } from './import-runner.service';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';
import { MediaImportConsumer } from './media-import.consumer';

@Module({
  imports: [MediaModule],
  controllers: [ImportsController],
  providers: [ImportsRepository, ImportsService, ImportRunner, MediaImportConsumer],
  exports: [ImportsRepository],
})
export class ImportsModule {}
