import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig, serveApp } from '@prodvor/platform';
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
  await serveApp(app, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
  });
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
