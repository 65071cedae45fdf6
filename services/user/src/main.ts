import { runService } from '@prodvor/platform';
import { AppModule } from './app.module';
import { userConfigSchema } from './config/user.config';

runService({ serviceName: 'user', module: AppModule.forRoot(), configSchema: userConfigSchema });
