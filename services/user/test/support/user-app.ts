import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, migrationsFor, OutboxRelayService } from '@prodvor/platform';
import {
  createTestDatabase,
  createTestVhost,
  bearerHeaders,
  testIdentityEnv,
  loginAs,
  serverUrls,
  startTestKafka,
  testKeycloak,
  uniqueName,
  type TestKafka,
  type TestDatabase,
  type TestKeycloakInfo,
  type TestVhost,
} from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';

export interface UserTestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  kafka: TestKafka;
  vhost: TestVhost;
  /** The run's Keycloak (realm prodvor, shared by every file: create users with unique names). */
  keycloak: TestKeycloakInfo;
  /** Publishes every committed outbox row now. */
  flushOutbox(): Promise<void>;
  /** A real realm access token from Keycloak (password grant of the dev-only client). */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** The user-service over a fresh database, vhost and Kafka topics, against the run's Keycloak. */
export async function startUserApp(extraEnv: Record<string, string> = {}): Promise<UserTestApp> {
  const keycloak = testKeycloak();
  const db = await createTestDatabase('user', migrationsFor(join(__dirname, '../../prisma/migrations')));
  const kafka = await startTestKafka();
  const vhost = await createTestVhost('user');
  const env = {
    SERVICE_NAME: 'user',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.USER_TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: serverUrls.redis,
    REDIS_KEY_PREFIX: uniqueName('user'),
    ...kafka.env,
    RABBITMQ_URL: vhost.url,
    // Real Keycloak logins and synthetic users (`newUser()`, signed by the test key for the same issuer).
    ...(await testIdentityEnv({ issuer: keycloak.issuer })),
    KEYCLOAK_URL: keycloak.url,
    KEYCLOAK_CLIENT_SECRET: keycloak.userServiceSecret,
    NOTIFICATION_RETRY_DELAY_MS: '200',
    NOTIFICATION_MAX_ATTEMPTS: '3',
    ...extraEnv,
  };
  @Module({ imports: [AppModule.forRoot(env)] })
  class TestUserModule {}
  const app = await createServiceApp(TestUserModule, { serviceName: 'user' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db,
    kafka,
    vhost,
    keycloak,
    flushOutbox: () => app.get(OutboxRelayService).flush(),
    login: async (username, password) => (await loginAs(username, password)).access_token,
    close: async () => {
      await app.close();
      await kafka.stop();
      await vhost.drop();
      await db.drop();
    },
  };
}

/** A realm user with a signed access token (the test key, the run's Keycloak issuer). */
export interface TestUser {
  id: string;
  username: string;
  headers: Record<string, string>;
}

export function newUser(roles: string[] = ['player']): TestUser {
  const id = randomUUID();
  const username = `u-${id.slice(0, 8)}`;
  return {
    id,
    username,
    headers: bearerHeaders(
      { sub: id, preferred_username: username, email: `${username}@example.test`, realm_access: { roles } },
      { issuer: testKeycloak().issuer },
    ),
  };
}
