import { Module } from '@nestjs/common';
import { createServiceApp, loadConfig, serveApp } from '@prodvor/platform';
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
