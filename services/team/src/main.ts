import { runService } from '@prodvor/platform';
import { AppModule } from './app.module';
import { teamConfigSchema } from './config/team.config';

runService({ serviceName: 'team', module: AppModule.forRoot(), configSchema: teamConfigSchema });
