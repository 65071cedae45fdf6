import type { DynamicModule } from '@nestjs/common';
import { DatabaseModule as PlatformDatabaseModule, UserProfilesModule } from '@prodvor/platform';
import { PrismaClient } from '../generated/prisma/client';
import { TransactionRunner } from './transaction-runner';

/** This service's database through the platform: its Prisma client on DATABASE_URL and its transaction runner. */
export const DatabaseModule = PlatformDatabaseModule.forRoot({
  client: PrismaClient,
  runner: TransactionRunner,
  // Publishing fixtures writes every match of a tournament in one transaction.
  transactions: { timeoutMs: 20_000 },
});

/**
 * The platform's read model of user profiles in this database (consumer group `tournament.user-profiles`).
 * Cached reads show a new name when their entry expires (TOURNAMENT_CACHE_TTL_MS), as for team renames.
 */
export function userProfilesModule(): DynamicModule {
  return UserProfilesModule.forService({ service: 'tournament', client: PrismaClient, runner: TransactionRunner });
}
