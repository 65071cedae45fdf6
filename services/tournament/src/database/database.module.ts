import { DatabaseModule as PlatformDatabaseModule } from '@prodvor/platform';
import { PrismaClient } from '../generated/prisma/client';
import { TransactionRunner } from './transaction-runner';

/** This service's database through the platform: its Prisma client on DATABASE_URL and its transaction runner. */
export const DatabaseModule = PlatformDatabaseModule.forRoot({
  client: PrismaClient,
  runner: TransactionRunner,
  // Publishing fixtures writes every match of a tournament in one transaction.
  transactions: { timeoutMs: 20_000 },
});
