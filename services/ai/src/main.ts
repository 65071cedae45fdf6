import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig } from '@prodvor/platform';
import { AppModule } from './app.module';
import { AI_BODY_LIMIT_BYTES, aiConfigSchema } from './config/ai.config';

@Module({ imports: [AppModule.forRoot()] })
class AiServiceModule {}

async function bootstrap(): Promise<void> {
  const config = loadConfig(aiConfigSchema);
  const app = await createServiceApp(AiServiceModule, { serviceName: 'ai', bodyLimitBytes: AI_BODY_LIMIT_BYTES });
  await app.listen(config.PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
