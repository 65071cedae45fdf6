import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { z } from 'zod';
import { loadConfig, type BaseConfig } from '../config/config.schema';
import { createServiceApp } from './create-service-app';
import { serveApp } from './serve-app';

type ServeConfig = Pick<
  BaseConfig,
  'PORT' | 'HOST' | 'SHUTDOWN_TIMEOUT_MS' | 'SHUTDOWN_DRAIN_DELAY_MS' | 'HTTP_BODY_LIMIT_BYTES'
>;

export interface RunServiceOptions {
  serviceName: string;
  /** The service's composition root, e.g. `AppModule.forRoot()`. */
  module: Type | DynamicModule;
  /** The service's config schema (`baseConfigSchema.extend(...)`): where to listen and how to shut down. */
  configSchema: z.ZodType<ServeConfig, z.ZodTypeDef, unknown>;
  /** A fixed body limit instead of `HTTP_BODY_LIMIT_BYTES`. */
  bodyLimitBytes?: number;
}

async function startService(options: RunServiceOptions): Promise<void> {
  const config = loadConfig(options.configSchema);
  @Module({ imports: [options.module] })
  class ServiceModule {}
  const app = await createServiceApp(ServiceModule, {
    serviceName: options.serviceName,
    bodyLimitBytes: options.bodyLimitBytes ?? config.HTTP_BODY_LIMIT_BYTES,
  });
  await serveApp(app, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
  });
}

/**
 * A service's whole `main.ts`: validates the config, builds the app (`createServiceApp`), listens and
 * shuts down gracefully (`serveApp`). A failure to start is printed and exits the process with code 1.
 */
export function runService(options: RunServiceOptions): void {
  startService(options).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
