import { Module, type DynamicModule } from '@nestjs/common';
import { Exchanges, Queues } from '@prodvor/contracts';
import {
  KafkaModule,
  loadConfig,
  queueTopology,
  RabbitMqModule,
  ServiceCoreModule,
  UserDeletedModule,
} from '@prodvor/platform';
import { storageConfigSchema } from './config/storage.config';
import { DatabaseModule } from './database/database.module';
import { ImportsModule } from './imports/imports.module';
import { MediaModule } from './media/media.module';
import { ProcessingModule } from './processing/processing.module';
import { S3Module } from './s3/s3.module';
import { ShareLinksModule } from './share-links/share-links.module';
import { StreamingModule } from './streaming/streaming.module';
import { UploadsModule } from './uploads/uploads.module';
import { DeletedUserService } from './users/deleted-user.service';

@Module({})
export class AppModule {
  /** `env` defaults to `process.env`; tests pass their own. */
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    const config = loadConfig(storageConfigSchema, env);
    const retryDelayMs = config.MEDIA_JOB_RETRY_DELAY_MS;
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ schema: storageConfigSchema, env }),
        KafkaModule.fromConfig(),
        RabbitMqModule.fromConfig({
          exchanges: [Exchanges.media],
          queues: [
            queueTopology(Queues.storageMediaProcess, retryDelayMs),
            queueTopology(Queues.storageMediaImport, retryDelayMs),
          ],
          prefetch: config.MEDIA_JOB_PREFETCH,
        }),
        DatabaseModule,
        S3Module,
        MediaModule,
        StreamingModule,
        UploadsModule,
        ProcessingModule,
        ShareLinksModule,
        ImportsModule,
        UserDeletedModule.forService({
          service: 'storage',
          handler: DeletedUserService,
          imports: [MediaModule, UploadsModule, ImportsModule],
        }),
      ],
    };
  }
}
