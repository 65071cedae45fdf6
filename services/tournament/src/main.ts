import { runService } from '@prodvor/platform';
import { AppModule } from './app.module';
import { tournamentConfigSchema } from './config/tournament.config';

runService({ serviceName: 'tournament', module: AppModule.forRoot(), configSchema: tournamentConfigSchema });
