import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig } from '@prodvor/platform';
import { AppModule } from './app.module';
import { chatConfigSchema } from './config/chat.config';

@Module({ imports: [AppModule.forRoot()] })
class ChatServiceModule {}

async function bootstrap(): Promise<void> {
  const config = loadConfig(chatConfigSchema);
  const app = await createServiceApp(ChatServiceModule, {
    serviceName: 'chat',
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
  });
  await app.listen(config.PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
