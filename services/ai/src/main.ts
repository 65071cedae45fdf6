import { runService } from '@prodvor/platform';
import { AppModule } from './app.module';
import { AI_BODY_LIMIT_BYTES, aiConfigSchema } from './config/ai.config';

runService({
  serviceName: 'ai',
  module: AppModule.forRoot(),
  configSchema: aiConfigSchema,
  bodyLimitBytes: AI_BODY_LIMIT_BYTES,
});
