import { Global, Injectable, Logger, Module, type DynamicModule } from '@nestjs/common';
import type { z } from 'zod';
import { loadConfig, redactConfig, type BaseConfig } from './config.schema';

/**
 * Typed, validated configuration. Inject as `AppConfig<MyConfig>` (the type argument is for the
 * compiler only; there is one instance per application).
 */
@Injectable()
export class AppConfig<T extends object = BaseConfig> {
  constructor(
    private readonly values: T,
    private readonly schema: z.ZodTypeAny,
  ) {}

  get<K extends keyof T>(key: K): T[K] {
    return this.values[key];
  }

  /** Everything, with secrets redacted: the only form in which configuration may be logged. */
  redacted(): Record<string, unknown> {
    return redactConfig(this.schema, this.values as Record<string, unknown>);
  }
}

export interface PlatformConfigOptions<S extends z.ZodTypeAny> {
  schema: S;
  /** Defaults to `process.env`; tests pass their own. */
  env?: Record<string, string | undefined>;
}

@Global()
@Module({})
export class PlatformConfigModule {
  /** Validates now, at module construction, so a bad variable stops start-up with its name. */
  static forRoot<S extends z.ZodTypeAny>(options: PlatformConfigOptions<S>): DynamicModule {
    const values = loadConfig(options.schema, options.env) as object;
    const config = new AppConfig(values, options.schema);
    new Logger('Config').log({ config: config.redacted() }, 'Configuration loaded');
    return {
      module: PlatformConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
