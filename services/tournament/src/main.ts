import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig } from '@prodvor/platform';
import { AppModule } from './app.module';
import { tournamentConfigSchema } from './config/tournament.config';

@Module({ imports: [AppModule.forRoot()] })
class TournamentServiceModule {}

async function bootstrap(): Promise<void> {
  const config = loadConfig(tournamentConfigSchema);
  const app = await createServiceApp(TournamentServiceModule, {
    serviceName: 'tournament',
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
  });
  await app.listen(config.PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
