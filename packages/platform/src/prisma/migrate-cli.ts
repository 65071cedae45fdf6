#!/usr/bin/env node
// `node packages/platform/dist/prisma/migrate-cli.js <migrationsDir>` with DATABASE_URL set.
import { resolve } from 'node:path';
import { applyMigrations, MigrationError } from './migration-runner';

async function main(): Promise<void> {
  const dir = process.argv[2];
  const databaseUrl = process.env.DATABASE_URL;
  if (!dir || !databaseUrl) {
    console.error('usage: DATABASE_URL=postgresql://... migrate-cli <prisma/migrations dir>');
    process.exit(2);
  }
  const { applied } = await applyMigrations({ databaseUrl, migrationsDir: resolve(dir), logger: console });
  console.log(`${applied.length} migration(s) applied`);
}

main().catch((error: unknown) => {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exit(1);
});
