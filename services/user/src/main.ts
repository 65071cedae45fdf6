import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig } from '@prodvor/platform';
import { AppModule } from './app.module';
import { userConfigSchema } from './config/user.config';

@Module({ imports: [AppModule.forRoot()] })
class UserServiceModule {}

async function bootstrap(): Promise<void> {
  const config = loadConfig(userConfigSchema);
  const app = await createServiceApp(UserServiceModule, {
    serviceName: 'user',
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
  });
  await app.listen(config.PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
