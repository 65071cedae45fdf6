import { Module, type DynamicModule } from '@nestjs/common';
import type { z } from 'zod';
import { PlatformConfigModule } from '../config/config.module';
import { HealthModule } from '../health/health.module';
import { IdentityModule } from '../identity/identity.module';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { SupportModule } from '../support/support.module';
import { RateLimitModule } from './rate-limit';

/**
 * Everything HTTP-facing a service needs, configured from its validated environment:
 * config, JSON logs, identity guard, /metrics, /health, rate limiting, and the global `Clock` and
 * `IdGenerator` providers.
 * `imports: [ServiceCoreModule.forRoot({ schema: teamConfigSchema }), ...features]`
 */
@Module({})
export class ServiceCoreModule {
  static forRoot<S extends z.ZodTypeAny>(options: {
    schema: S;
    env?: Record<string, string | undefined>;
  }): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        PlatformConfigModule.forRoot(options),
        LoggingModule.fromConfig(),
        IdentityModule.fromConfig(),
        MetricsModule,
        HealthModule,
        RateLimitModule.fromConfig(),
        SupportModule,
      ],
    };
  }
}
