import { runService } from '@prodvor/platform';
import { AppModule } from './app.module';
import { storageConfigSchema } from './config/storage.config';

runService({ serviceName: 'storage', module: AppModule.forRoot(), configSchema: storageConfigSchema });
