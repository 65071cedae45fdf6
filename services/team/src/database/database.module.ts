import type { DynamicModule } from '@nestjs/common';
import {
  DatabaseModule as PlatformDatabaseModule,
  UserProfilesModule,
  type UserProfilesModuleOptions,
} from '@prodvor/platform';
import { PrismaClient } from '../generated/prisma/client';
import { TransactionRunner } from './transaction-runner';

/** This service's database through the platform: its Prisma client on DATABASE_URL and its transaction runner. */
export const DatabaseModule = PlatformDatabaseModule.forRoot({
  client: PrismaClient,
  runner: TransactionRunner,
});

/** The platform's read model of user profiles (names and avatars next to user ids) in this database. */
export function userProfilesModule(options: Pick<UserProfilesModuleOptions, 'listener' | 'imports'>): DynamicModule {
  return UserProfilesModule.forService({
    service: 'team',
    client: PrismaClient,
    runner: TransactionRunner,
    ...options,
  });
}
