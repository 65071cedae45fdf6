import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** The lock id `prisma migrate` itself takes, so this runner and `prisma migrate deploy` never race. */
export const PRISMA_MIGRATE_LOCK_ID = 72707369;

/** The same table (name, columns, types) `prisma migrate deploy` creates and reads. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationLogger {
  log(message: string): void;
}

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  /** A Prisma `prisma/migrations` folder: `<name>/migration.sql` per migration. */
  migrationsDir: string;
  logger?: MigrationLogger;
}

export interface ApplyMigrationsResult {
  applied: string[];
  skipped: string[];
}

export type MigrationErrorReason = 'checksum_mismatch' | 'failed' | 'unfinished' | 'missing_dir';

export class MigrationError extends Error {
  constructor(
    readonly reason: MigrationErrorReason,
    readonly migration: string,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** Prisma's checksum: sha256 (hex) of the migration.sql bytes. */
export function migrationChecksum(sql: string | Buffer): string {
  return createHash('sha256').update(sql).digest('hex');
}

export function readMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) {
    throw new MigrationError('missing_dir', migrationsDir, `migrations folder ${migrationsDir} does not exist`);
  }
  return readdirSync(migrationsDir)
    .filter((name) => statSync(join(migrationsDir, name)).isDirectory())
    .filter((name) => existsSync(join(migrationsDir, name, 'migration.sql')))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(migrationsDir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
    });
}

interface AppliedRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies the pending migrations of a Prisma migrations folder without Prisma's schema engine
 * (which cannot be downloaded here). Bookkeeping is Prisma's own `_prisma_migrations` table, so
 * `prisma migrate deploy` on a connected machine sees the same history. Each migration runs in its
 * own transaction; a failed one is recorded with its error in `logs` and marked rolled back (its
 * transaction left nothing behind), so fixing the file and re-running retries it.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const { databaseUrl, migrationsDir, logger } = options;
  const migrations = readMigrations(migrationsDir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const result: ApplyMigrationsResult = { applied: [], skipped: [] };
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_ID]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT id, migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
         WHERE rolled_back_at IS NULL ORDER BY started_at`,
      );
      const unfinished = rows.find((row) => row.finished_at === null);
      if (unfinished) {
        throw new MigrationError(
          'unfinished',
          unfinished.migration_name,
          `migration ${unfinished.migration_name} was started but never finished; inspect the database, then ` +
            `resolve it (prisma migrate resolve) before applying more migrations`,
        );
      }
      const applied = new Map(rows.map((row) => [row.migration_name, row]));
      for (const migration of migrations) {
        const row = applied.get(migration.name);
        if (row) {
          if (row.checksum !== migration.checksum) {
            throw new MigrationError(
              'checksum_mismatch',
              migration.name,
              `migration ${migration.name} was modified after it was applied ` +
                `(checksum ${row.checksum} in the database, ${migration.checksum} on disk)`,
            );
          }
          result.skipped.push(migration.name);
          continue;
        }
        await applyOne(client, migration);
        logger?.log(`applied migration ${migration.name}`);
        result.applied.push(migration.name);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_ID]);
    }
  } finally {
    await client.end();
  }
  if (result.applied.length === 0) logger?.log('database schema is up to date');
  return result;
}

async function applyOne(client: Client, migration: MigrationFile): Promise<void> {
  // The history row is written in the migration's transaction: a crash mid-way leaves neither the
  // schema change nor a half-finished row behind, and the next run simply retries.
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    // Recorded like Prisma records a failed attempt that was rolled back: visible, but not blocking.
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count)
       VALUES ($1, $2, $3, $4, now(), now(), 0)`,
      [randomUUID(), migration.checksum, migration.name, `failed and rolled back: ${reason}`],
    );
    throw new MigrationError('failed', migration.name, `migration ${migration.name} failed: ${reason}`);
  }
}

/** For `createTestDatabase(service, migrationsFor(dir))` in a service's tests. */
export function migrationsFor(migrationsDir: string): (databaseUrl: string) => Promise<void> {
  return async (databaseUrl) => {
    await applyMigrations({ databaseUrl, migrationsDir });
  };
}
