import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, createServiceApp, OutboxRelayService } from '@prodvor/platform';
import {
  createTestDatabase,
  createTestVhost,
  bearerHeaders,
  testIdentityEnv,
  startTestKafka,
  serverUrls,
  uniqueName,
  type TestKafka,
  type TestDatabase,
  type TestVhost,
} from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { migrationsFor } from '@prodvor/platform';
import { AppModule } from '../../src/app.module';

export interface TeamTestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  kafka: TestKafka;
  vhost: TestVhost;
  clock: Clock;
  /** Publishes every committed outbox row now. */
  flushOutbox(): Promise<void>;
  close(): Promise<void>;
}

/** The team-service over a fresh database, a Kafka mock broker and a unique Redis key prefix. */
export async function startTeamApp(extraEnv: Record<string, string> = {}): Promise<TeamTestApp> {
  const db = await createTestDatabase('team', migrationsFor(join(__dirname, '../../prisma/migrations')));
  const kafka = await startTestKafka();
  const vhost = await createTestVhost('team');
  const env = {
    SERVICE_NAME: 'team',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEAM_TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: serverUrls.redis,
    REDIS_KEY_PREFIX: uniqueName('team'),
    ...kafka.env,
    ...(await testIdentityEnv()),
    RABBITMQ_URL: vhost.url,
    ...extraEnv,
  };
  @Module({ imports: [AppModule.forRoot(env)] })
  class TestTeamModule {}
  const app = await createServiceApp(TestTeamModule, { serviceName: 'team' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db,
    kafka,
    vhost,
    clock: app.get(Clock),
    flushOutbox: () => app.get(OutboxRelayService).flush(),
    close: async () => {
      await app.close();
      await kafka.stop();
      await vhost.drop();
      await db.drop();
    },
  };
}

/** A realm user: its id and an `Authorization: Bearer` header with a signed access token. */
export interface TestUser {
  id: string;
  headers: Record<string, string>;
}

export function newUser(roles: string[] = ['player']): TestUser {
  const id = randomUUID();
  return { id, headers: bearerHeaders({ sub: id, realm_access: { roles } }) };
}
