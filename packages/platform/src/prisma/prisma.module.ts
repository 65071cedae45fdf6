import type { DynamicModule, InjectionToken, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { HealthRegistry } from '../health/health.registry';
import type { PrismaClientClass, PrismaClientLike } from './prisma-client';
import { createPrismaClient } from './prisma-client';

export interface PrismaModuleOptions<T extends PrismaClientLike> {
  /** The service's generated `PrismaClient` class; it is also the injection token. */
  client: PrismaClientClass<T>;
  /** Resolves the connection string, e.g. from the typed config service listed in `inject`. */
  useDatabaseUrl: (...deps: never[]) => string;
  inject?: InjectionToken[];
  poolMax?: number;
}

const PRISMA_CLIENT = Symbol('PRISMA_CLIENT');
const DISCONNECT_WAIT_MS = 2_000;

@Injectable()
class PrismaLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Prisma');

  constructor(
    @Inject(PRISMA_CLIENT) private readonly client: PrismaClientLike,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.health.register('database', async () => {
      await this.client.$queryRawUnsafe('SELECT 1');
    });
    await this.client.$connect();
    this.logger.log('database connected');
  }

  /**
   * Last phase: nothing uses the database any more. A pool whose connection broke mid-query in an outage
   * can wait forever for it to be released; after DISCONNECT_WAIT_MS the rest is left to process exit.
   */
  async onApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      this.client.$disconnect().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DISCONNECT_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!closed) this.logger.warn({ message: 'database pool did not close in time; leaving it to process exit' });
  }
}

/**
 * Provides a service's generated Prisma client (inject it by its class), connects on start,
 * disconnects on shutdown and registers the `database` readiness check. Needs `HealthModule`.
 */
@Module({})
export class PrismaModule {
  static forRoot<T extends PrismaClientLike>(options: PrismaModuleOptions<T>): DynamicModule {
    const clientProvider: Provider = {
      provide: PRISMA_CLIENT,
      inject: options.inject ?? [],
      useFactory: (...deps: never[]) =>
        createPrismaClient(options.client, { databaseUrl: options.useDatabaseUrl(...deps), poolMax: options.poolMax }),
    };
    const aliasProvider: Provider = { provide: options.client, useExisting: PRISMA_CLIENT };
    return {
      module: PrismaModule,
      global: true,
      providers: [clientProvider, aliasProvider, PrismaLifecycle],
      exports: [options.client],
    };
  }
}
