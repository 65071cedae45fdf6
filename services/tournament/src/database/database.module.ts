import { Global, Module } from '@nestjs/common';
import { AppConfig, PrismaModule } from '@prodvor/platform';
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
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
