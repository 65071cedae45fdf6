import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig } from '@prodvor/platform';
import { AppModule } from './app.module';
import { teamConfigSchema } from './config/team.config';

@Module({ imports: [AppModule.forRoot()] })
class TeamServiceModule {}

async function bootstrap(): Promise<void> {
  const config = loadConfig(teamConfigSchema);
  const app = await createServiceApp(TeamServiceModule, {
    serviceName: 'team',
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
  });
  await app.listen(config.PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
