import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AppConfig, RedisStoreModule } from '@prodvor/platform';
import type { AiConfig } from '../config/ai.config';
import { AiRuntime } from '../genkit/ai-runtime';
import { AiUsageService } from '../usage/ai-usage.service';

const fromConfig: Provider = {
  provide: AiRuntime,
  inject: [AppConfig],
  useFactory: (config: AppConfig<AiConfig>) =>
    AiRuntime.fromConfig({
      GOOGLE_API_KEY: config.get('GOOGLE_API_KEY'),
      GOOGLE_MODEL: config.get('GOOGLE_MODEL'),
      GOOGLE_API_BASE_URL: config.get('GOOGLE_API_BASE_URL'),
      OPENAI_COMPAT_BASE_URL: config.get('OPENAI_COMPAT_BASE_URL'),
      OPENAI_COMPAT_API_KEY: config.get('OPENAI_COMPAT_API_KEY'),
      OPENAI_COMPAT_MODEL: config.get('OPENAI_COMPAT_MODEL'),
    }),
};

/**
 * The Genkit runtime chosen from configuration (tests pass one built on a scripted model), the Redis
 * connection for stored data and quotas, and the usage service.
 */
@Global()
@Module({})
export class AiRuntimeModule {
  static forRoot(runtime?: AiRuntime): DynamicModule {
    return {
      module: AiRuntimeModule,
      imports: [RedisStoreModule.forRoot()],
      providers: [runtime ? { provide: AiRuntime, useValue: runtime } : fromConfig, AiUsageService],
      exports: [AiRuntime, AiUsageService],
    };
  }
}
