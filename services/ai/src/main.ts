import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig } from '@prodvor/platform';
import { AppModule } from './app.module';
import { aiConfigSchema } from './config/ai.config';

@Module({ imports: [AppModule.forRoot()] })
class AiServiceModule {}

async function bootstrap(): Promise<void> {
  const config = loadConfig(aiConfigSchema);
  const app = await createServiceApp(AiServiceModule, { serviceName: 'ai', bodyLimitBytes: 256 * 1024 });
  await app.listen(config.PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
