import { join } from 'node:path';
import { createPrismaClient, migrationsFor } from '@prodvor/platform';
import { createTestDatabase } from '@prodvor/testing';
import { PrismaClient } from '../../src/generated/prisma/client';

/** A migrated throw-away user-service database with a Prisma client over it, for repository tests. */
export interface UserDatabase {
  prisma: PrismaClient;
  close(): Promise<void>;
}

export async function openUserDatabase(): Promise<UserDatabase> {
  const db = await createTestDatabase('user', migrationsFor(join(__dirname, '../../prisma/migrations')));
  const prisma = createPrismaClient(PrismaClient, { databaseUrl: db.url, poolMax: 6 });
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await db.drop();
    },
  };
}
