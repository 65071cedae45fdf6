import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig } from '@prodvor/platform';
import { AppModule } from './app.module';
import { storageConfigSchema } from './config/storage.config';

@Module({ imports: [AppModule.forRoot()] })
class StorageServiceModule {}

async function bootstrap(): Promise<void> {
  const config = loadConfig(storageConfigSchema);
  const app = await createServiceApp(StorageServiceModule, {
    serviceName: 'storage',
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
  });
  await app.listen(config.PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
