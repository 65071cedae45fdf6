import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig, serveApp } from '@prodvor/platform';
import { AppModule } from './app.module';
import { AI_BODY_LIMIT_BYTES, aiConfigSchema } from './config/ai.config';

@Module({ imports: [AppModule.forRoot()] })
class AiServiceModule {}

async function bootstrap(): Promise<void> {
  const config = loadConfig(aiConfigSchema);
  const app = await createServiceApp(AiServiceModule, { serviceName: 'ai', bodyLimitBytes: AI_BODY_LIMIT_BYTES });
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
