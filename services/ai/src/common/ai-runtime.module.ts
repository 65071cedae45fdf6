import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import type { AiConfig } from '../config/ai.config';
import { AiRuntime } from '../genkit/ai-runtime';
import { AiUsageService } from '../usage/ai-usage.service';
import { AiRedis } from './ai-redis';

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

const redis: Provider = {
  provide: AiRedis,
  inject: [AppConfig],
  useFactory: (config: AppConfig<AiConfig>) =>
    AiRedis.connect(config.get('REDIS_URL'), config.get('REDIS_KEY_PREFIX') || config.get('SERVICE_NAME')),
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
      providers: [runtime ? { provide: AiRuntime, useValue: runtime } : fromConfig, redis, AiUsageService],
      exports: [AiRuntime, AiRedis, AiUsageService],
    };
  }
}
