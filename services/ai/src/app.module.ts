import { Module, type DynamicModule } from '@nestjs/common';
import { KafkaModule, loadConfig, PlatformCacheModule, ServiceCoreModule } from '@prodvor/platform';
import { BalancingModule } from './balancing/balancing.module';
import { AiRuntimeModule } from './common/ai-runtime.module';
import { aiConfigSchema } from './config/ai.config';
import type { AiRuntime } from './genkit/ai-runtime';
import { ModerationModule } from './moderation/moderation.module';
import { ReportsModule } from './reports/reports.module';
import { TournamentAssistantModule } from './tournament-assistant/tournament-assistant.module';

@Module({})
export class AppModule {
  /** `env` defaults to `process.env`; tests pass their own, and a runtime on a scripted model. */
  static forRoot(env: Record<string, string | undefined> = process.env, runtime?: AiRuntime): DynamicModule {
    const config = loadConfig(aiConfigSchema, env);
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ schema: aiConfigSchema, env }),
        PlatformCacheModule.fromConfig({ ttlMs: config.AI_REPORT_CACHE_TTL_MS }),
        KafkaModule.fromConfig(),
        AiRuntimeModule.forRoot(runtime),
        BalancingModule,
        ModerationModule,
        ReportsModule,
        TournamentAssistantModule,
      ],
    };
  }
}
