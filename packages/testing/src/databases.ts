import { Client } from 'pg';
import { testRunId, uniqueName } from './run';
import { serverUrls } from './servers';

function urlFor(database: string): string {
  const url = new URL(serverUrls.postgres);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrls.postgres });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, cloned from a template that is migrated once per run and
 * service (`migrate` applies the service's migrations to the template). Safe across parallel workers.
 */
export async function createTestDatabase(
  service: string,
  migrate: (databaseUrl: string) => Promise<void>,
): Promise<TestDatabase> {
  const template = `tpl_${service}_${testRunId()}`.toLowerCase();
  await withAdmin(async (admin) => {
    // One worker builds the template; the others wait on the lock and then find it ready.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE "${template}"`);
        try {
          await migrate(urlFor(template));
        } catch (error) {
          await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
          throw error;
        }
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  const name = uniqueName(`db_${service}`);
  await withAdmin(async (admin) => {
    // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  return { name, url: urlFor(name), drop: () => dropDatabase(name) };
}

/** An empty database (no migrations), e.g. for testing the migration runner itself. */
export async function createEmptyDatabase(prefix = 'empty'): Promise<TestDatabase> {
  const name = uniqueName(`db_${prefix}`);
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  return { name, url: urlFor(name), drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Drops every database a run created (templates and clones). */
export async function dropRunDatabases(runId: string): Promise<void> {
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE '%' || $1 || '%'",
      [runId.toLowerCase()],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
