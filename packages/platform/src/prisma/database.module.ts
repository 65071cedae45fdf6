import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config.module';
import type { BaseConfig } from '../config/config.schema';
import type { PrismaClientClass, PrismaClientLike } from './prisma-client';
import { PrismaModule } from './prisma.module';
import type { PrismaTransactionRunner, TransactionalClient, TransactionRunnerOptions } from './transaction-runner';

export interface DatabaseModuleOptions<C extends PrismaClientLike & TransactionalClient<Tx>, Tx> {
  /** The service's generated `PrismaClient` class (also its injection token). */
  client: PrismaClientClass<C>;
  /** The service's `TransactionRunner` (a `PrismaTransactionRunner` typed with its `Tx`), also its token. */
  runner: new (client: C, options?: TransactionRunnerOptions) => PrismaTransactionRunner<Tx>;
  transactions?: TransactionRunnerOptions;
}

/**
 * A service's database: its Prisma client connected to `DATABASE_URL` (see `PrismaModule`) and its
 * transaction runner, both global. `imports: [DatabaseModule.forRoot({ client: PrismaClient, runner: TransactionRunner })]`
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot<C extends PrismaClientLike & TransactionalClient<Tx>, Tx>(
    options: DatabaseModuleOptions<C, Tx>,
  ): DynamicModule {
    const runner = {
      provide: options.runner,
      inject: [options.client],
      useFactory: (client: C) => new options.runner(client, options.transactions),
    };
    return {
      module: DatabaseModule,
      imports: [
        PrismaModule.forRoot({
          client: options.client,
          inject: [AppConfig],
          useDatabaseUrl: (config: AppConfig<BaseConfig>) => {
            const url = config.get('DATABASE_URL');
            if (!url) throw new Error('DATABASE_URL is required for a service with a database');
            return url;
          },
        }),
      ],
      providers: [runner],
      exports: [options.runner],
    };
  }
}
