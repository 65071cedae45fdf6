import { Global, Module } from '@nestjs/common';
import { AppConfig, Clock, IdGenerator, PrismaModule } from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';
import { PrismaClient } from '../generated/prisma/client';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  imports: [
    PrismaModule.forRoot({
      client: PrismaClient,
      inject: [AppConfig],
      useDatabaseUrl: (config: AppConfig<TournamentConfig>) => config.get('DATABASE_URL'),
    }),
  ],
  providers: [TransactionRunner, Clock, IdGenerator],
  exports: [TransactionRunner, Clock, IdGenerator],
})
export class DatabaseModule {}
