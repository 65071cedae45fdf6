import { runService } from '@prodvor/platform';
import { AppModule } from './app.module';
import { chatConfigSchema } from './config/chat.config';

runService({ serviceName: 'chat', module: AppModule.forRoot(), configSchema: chatConfigSchema });
