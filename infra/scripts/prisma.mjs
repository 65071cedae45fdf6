#!/usr/bin/env node
// Runs the Prisma CLI for the service in the current directory without Prisma's engine downloads:
// the client is generated for the driver adapter (engineType "client") and migrations are diffed
// through the WebAssembly schema engine, so no native engine is needed (see shared ENVIRONMENT.md).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dummyEngine = join(root, 'node_modules/.cache/prodvor/no-native-engine');
if (!existsSync(dummyEngine)) {
  mkdirSync(dirname(dummyEngine), { recursive: true });
  writeFileSync(dummyEngine, '');
}
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: dummyEngine,
  PRISMA_QUERY_ENGINE_LIBRARY: dummyEngine,
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
};
const prisma = join(root, 'node_modules/.bin/prisma');
const config = ['--config', join(root, 'infra/scripts/prisma.config.mjs')];
const [command, ...rest] = process.argv.slice(2);

function run(args) {
  const result = spawnSync(prisma, args, { env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result.stdout;
}

switch (command) {
  case 'generate':
    process.stdout.write(run(['generate', '--schema', 'prisma/schema.prisma', ...rest]));
    break;
  case 'diff': {
    // Writes a new migration folder with the SQL that takes the applied migrations to the schema.
    const name = rest[0];
    if (!name) {
      console.error('usage: npm run db:diff -- <migration_name>');
      process.exit(2);
    }
    // A shadow database (--from-migrations) and --from-url are not supported with the WebAssembly
    // engine, so the schema the migrations produce is kept as a snapshot next to them and diffed.
    const snapshot = 'prisma/migrations/schema.snapshot.prisma';
    if (existsSync('prisma/migrations') && !existsSync(snapshot)) {
      console.error(`${snapshot} is missing: copy the schema the existing migrations produce there first`);
      process.exit(1);
    }
    const from = existsSync(snapshot) ? ['--from-schema-datamodel', snapshot] : ['--from-empty'];
    const sql = run([
      'migrate',
      'diff',
      ...config,
      ...from,
      '--to-schema-datamodel',
      'prisma/schema.prisma',
      '--script',
    ]);
    if (!/^\s*[A-Z]/m.test(sql.replace(/^--.*$/gm, ''))) {
      console.log('schema and migrations already match: no migration written');
      break;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = join('prisma/migrations', `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), sql);
    if (!existsSync('prisma/migrations/migration_lock.toml'))
      writeFileSync('prisma/migrations/migration_lock.toml', 'provider = "postgresql"\n');
    copyFileSync('prisma/schema.prisma', snapshot);
    console.log(`wrote ${dir}/migration.sql`);
    break;
  }
  default:
    console.error('usage: prisma.mjs generate | diff <name>');
    process.exit(2);
}
