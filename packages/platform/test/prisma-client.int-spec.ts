import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlatformCacheModule } from '../src/cache/cache.module';
import { CacheService } from '../src/cache/cache.service';
import { HealthRegistry } from '../src/health/health.registry';
import { PrismaModule } from '../src/prisma/prisma.module';
import { createEmptyDatabase, uniqueName, type TestDatabase } from '@prodvor/testing';
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

@Global()
@Module({ providers: [HealthRegistry], exports: [HealthRegistry] })
class TestHealthModule {}

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
    const { PrismaClient } = (await import(/* @vite-ignore */ FIXTURE_CLIENT)) as unknown as {
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

  // Generated in beforeAll, so the type-checker cannot resolve it statically.
  const FIXTURE_CLIENT = './fixtures/migrations-app/src/generated/prisma/client.js';

  it('injects the generated client by its class and registers database and cache readiness checks', async () => {
    const { PrismaClient } = await import(/* @vite-ignore */ FIXTURE_CLIENT);
    @Module({
      imports: [
        TestHealthModule,
        PrismaModule.forRoot({ client: PrismaClient, useDatabaseUrl: () => db.url, poolMax: 2 }),
        PlatformCacheModule.forRoot({ ttlMs: 1000, keyPrefix: uniqueName('nest'), redisUrl: 'redis://127.0.0.1:6379' }),
      ],
    })
    class AppModule {}
    const nest = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      const prisma = nest.get(PrismaClient);
      expect(await prisma.player.count({ where: { nickname: { in: ['striker', 'cjs'] } } })).toBe(2);
      const checks = Object.fromEntries(nest.get(HealthRegistry).entries());
      expect(Object.keys(checks).sort()).toEqual(['cache', 'database']);
      await expect(checks.database()).resolves.toBeUndefined();
      await expect(checks.cache()).resolves.toBeUndefined();
      expect(await nest.get(CacheService).getOrSet('k', 1000, async () => 5)).toBe(5);
    } finally {
      await nest.close();
    }
  }, 60_000);
});
