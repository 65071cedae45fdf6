import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createEmptyDatabase, type TestDatabase } from '@prodvor/testing';
import { applyMigrations } from '../src/prisma/migration-runner';
import { createPrismaClient } from '../src/prisma/prisma-client';

const root = resolve(__dirname, '../../..');
const app = join(__dirname, 'fixtures/migrations-app');

interface Player {
  id: string;
  nickname: string;
  score: number;
}
interface FixtureClient {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  player: {
    create(args: { data: { id: string; nickname: string } }): Promise<Player>;
    update(args: { where: { id: string }; data: { score: { increment: number } } }): Promise<Player>;
    findUniqueOrThrow(args: { where: { nickname: string } }): Promise<Player>;
  };
}

describe('generated Prisma client over the pg driver adapter', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    // The same command a service runs (npm run db:generate): no engine downloads.
    execFileSync('node', [join(root, 'infra/scripts/prisma.mjs'), 'generate'], { cwd: app, stdio: 'pipe' });
    db = await createEmptyDatabase('prisma_client');
    await applyMigrations({ databaseUrl: db.url, migrationsDir: join(app, 'prisma/migrations') });
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('round-trips rows under vitest + SWC', async () => {
    const { PrismaClient } = (await import('./fixtures/migrations-app/src/generated/prisma/client.js')) as unknown as {
      PrismaClient: new (options: { adapter: unknown }) => FixtureClient;
    };
    const prisma = createPrismaClient(PrismaClient, { databaseUrl: db.url, poolMax: 2 });
    await prisma.$connect();
    try {
      const id = randomUUID();
      await prisma.player.create({ data: { id, nickname: 'striker' } });
      await prisma.player.update({ where: { id }, data: { score: { increment: 3 } } });
      expect(await prisma.player.findUniqueOrThrow({ where: { nickname: 'striker' } })).toMatchObject({ id, score: 3 });
      expect(await prisma.$queryRawUnsafe('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('round-trips rows from tsc-compiled CommonJS run by node', () => {
    // Inside the repository, as a service's dist/ is: the generated client dynamically import()s the
    // query compiler from @prisma/client at run time, which ESM resolution finds only via node_modules.
    const out = join(app, 'dist');
    try {
      const entry = join(app, 'src/main.ts');
      writeFileSync(
        entry,
        [
          "import { PrismaPg } from '@prisma/adapter-pg';",
          "import { PrismaClient } from './generated/prisma/client';",
          'async function main(): Promise<void> {',
          '  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });',
          "  const row = await prisma.player.create({ data: { id: process.argv[2], nickname: 'cjs' } });",
          '  console.log(JSON.stringify(row));',
          '  await prisma.$disconnect();',
          '}',
          'void main();',
          '',
        ].join('\n'),
      );
      execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(app, 'tsconfig.json'), '--outDir', out], {
        stdio: 'pipe',
      });
      const id = randomUUID();
      const printed = execFileSync('node', [join(out, 'main.js'), id], {
        env: { ...process.env, DATABASE_URL: db.url },
        encoding: 'utf8',
      });
      expect(JSON.parse(printed)).toMatchObject({ id, nickname: 'cjs', score: 0 });
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(join(app, 'src/main.ts'), { force: true });
    }
  }, 120_000);
});
