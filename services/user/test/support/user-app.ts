import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, migrationsFor, OutboxRelayService } from '@prodvor/platform';
import {
  createTestDatabase,
  createTestVhost,
  gatewayHeaders,
  serverUrls,
  startTestKafka,
  uniqueName,
  type TestKafka,
  type TestDatabase,
  type TestVhost,
} from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startDevIdentity, type DevIdentity } from '../../../../infra/local/src/identity';
import { AppModule } from '../../src/app.module';

const root = join(__dirname, '../../../..');
export const USER_SERVICE_SECRET = 'user-service-test-secret';

export interface UserTestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  kafka: TestKafka;
  vhost: TestVhost;
  identity: DevIdentity;
  /** Publishes every committed outbox row now. */
  flushOutbox(): Promise<void>;
  /** A real realm access token from the dev identity (password grant of the dev CLI client). */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** The user-service over a fresh database, vhost, Kafka mock broker and its own dev identity. */
export async function startUserApp(extraEnv: Record<string, string> = {}): Promise<UserTestApp> {
  const identity = await startDevIdentity({
    realmFile: join(root, 'keycloak/realm-prodvor.json'),
    usersFile: join(root, 'keycloak/dev-users.json'),
    env: { PRODVOR_USER_SERVICE_SECRET: USER_SERVICE_SECRET },
  });
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
    OIDC_ISSUER: identity.issuer,
    KEYCLOAK_URL: identity.url,
    KEYCLOAK_CLIENT_SECRET: USER_SERVICE_SECRET,
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
    identity,
    flushOutbox: () => app.get(OutboxRelayService).flush(),
    async login(username, password) {
      const response = await fetch(`${identity.issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'prodvor-dev-cli', username, password }),
      });
      if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { access_token: string }).access_token;
    },
    close: async () => {
      await app.close();
      await kafka.stop();
      await vhost.drop();
      await db.drop();
      await identity.stop();
    },
  };
}

/** A realm user as the gateway would present it. */
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
    headers: gatewayHeaders({
      sub: id,
      preferred_username: username,
      email: `${username}@example.test`,
      realm_access: { roles },
    }),
  };
}
