import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createEmptyDatabase, type TestDatabase } from '@prodvor/testing';
import { applyMigrations, migrationChecksum, MigrationError } from '../src/prisma/migration-runner';

const fixture = join(__dirname, 'fixtures/migrations-app/prisma/migrations');

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A writable copy of the fixture migrations, so a test can tamper with or add files. */
function copyOfFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'prodvor-migrations-'));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'migration.sql'), sql);
}

describe('applyMigrations (offline runner, Prisma-compatible history)', () => {
  let db: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    db = await createEmptyDatabase('migrations');
    dir = copyOfFixture();
  });

  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration in name order and records them like prisma migrate does', async () => {
    const result = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    expect(result.applied).toEqual([expect.stringMatching(/_init$/), expect.stringMatching(/_add_score$/)]);

    const columns = await query<{ column_name: string }>(
      db.url,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'players' ORDER BY column_name",
    );
    expect(columns.map((c) => c.column_name)).toEqual(['created_at', 'id', 'nickname', 'score']);

    const history = await query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
      db.url,
      'SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ migration_name: result.applied[0], applied_steps_count: 1 });
    expect(history[0].checksum).toMatch(/^[0-9a-f]{64}$/);

    // Same layout as Prisma's table: names, types, nullability.
    const layout = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      db.url,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(layout).toEqual([
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'migration_name', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'started_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO' },
    ]);
  });

  it('uses the sha256 of the file as checksum, as Prisma does', async () => {
    addMigration(dir, '20300101000000_known', 'SELECT 1;\n');
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    const [row] = await query<{ checksum: string }>(
      db.url,
      `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = '20300101000000_known'`,
    );
    expect(row.checksum).toBe('b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd'); // sha256sum of the file
    expect(migrationChecksum('SELECT 1;\n')).toBe(row.checksum);
  });

  it('is a no-op when re-run', async () => {
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    const again = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    expect(again.applied).toEqual([]);
    expect(again.skipped).toHaveLength(2);
    const [{ count }] = await query<{ count: string }>(db.url, 'SELECT count(*) FROM "_prisma_migrations"');
    expect(Number(count)).toBe(2);
  });

  it('applies only the new migration after one is added', async () => {
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    addMigration(dir, '20300101000000_add_team', 'ALTER TABLE "players" ADD COLUMN "team" TEXT;');
    const result = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    expect(result.applied).toEqual(['20300101000000_add_team']);
  });

  it('refuses to run when an applied migration was changed, naming it', async () => {
    const { applied } = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    writeFileSync(join(dir, applied[1], 'migration.sql'), 'ALTER TABLE "players" ADD COLUMN "score" BIGINT;');
    addMigration(dir, '20300101000000_later', 'CREATE TABLE later (id INT);');

    const error = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ reason: 'checksum_mismatch', migration: applied[1] });
    expect((error as Error).message).toContain(applied[1]);
    const later = await query(db.url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'later'");
    expect(later).toHaveLength(0);
  });

  it('reports a failed migration, leaves nothing half-applied and retries it once fixed', async () => {
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    addMigration(dir, '20300101000000_broken', 'CREATE TABLE half (id INT);\nALTER TABLE nope ADD COLUMN x INT;');

    const error = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'failed', migration: '20300101000000_broken' });
    expect((error as Error).message).toMatch(/20300101000000_broken.*nope/);
    expect(await query(db.url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'half'")).toHaveLength(0);
    const [row] = await query<{ logs: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      db.url,
      `SELECT logs, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE migration_name = '20300101000000_broken'`,
    );
    expect(row.logs).toContain('nope');
    expect(row.finished_at).toBeNull();
    expect(row.rolled_back_at).not.toBeNull();

    writeFileSync(join(dir, '20300101000000_broken', 'migration.sql'), 'CREATE TABLE half (id INT);');
    const retried = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    expect(retried.applied).toEqual(['20300101000000_broken']);
  });

  it('lets concurrent runners apply each migration exactly once', async () => {
    addMigration(dir, '20300101000000_counter', 'CREATE TABLE runs (n INT); INSERT INTO runs VALUES (1);');
    const results = await Promise.all(
      Array.from({ length: 4 }, () => applyMigrations({ databaseUrl: db.url, migrationsDir: dir })),
    );
    expect(results.flatMap((r) => r.applied)).toHaveLength(3);
    const [{ count }] = await query<{ count: string }>(db.url, 'SELECT count(*) FROM runs');
    expect(Number(count)).toBe(1);
  });
});
