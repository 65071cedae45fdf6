import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, migrationsFor, OutboxRelayService } from '@prodvor/platform';
import {
  createTestDatabase,
  createTestVhost,
  serverUrls,
  startPrivateKafka,
  startTestKafka,
  processTestIdentity,
  uniqueName,
  type KafkaBroker,
  type TestKafka,
  type TestDatabase,
  type TestIdentityProvider,
  type TestVhost,
} from '@prodvor/testing';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { FanoutConsumer } from '../../src/realtime/fanout.consumer';

/** What every chat instance of one test file shares: database, broker, vhost, Redis prefix, identity. */
export interface ChatInfra {
  db: TestDatabase;
  kafka: TestKafka;
  /** The file's own broker, when started with `privateKafka`. */
  kafkaBroker?: KafkaBroker;
  vhost: TestVhost;
  idp: TestIdentityProvider;
  redisPrefix: string;
  stop(): Promise<void>;
}

/** `privateKafka`: a broker of the file's own (for tests that restart it) instead of the run's. */
export async function startChatInfra(options: { privateKafka?: boolean } = {}): Promise<ChatInfra> {
  const privateKafka = options.privateKafka ? await startPrivateKafka() : undefined;
  const [db, kafka, vhost, idp] = await Promise.all([
    createTestDatabase('chat', migrationsFor(join(__dirname, '../../prisma/migrations'))),
    privateKafka ?? startTestKafka(),
    createTestVhost('chat'),
    processTestIdentity(),
  ]);
  return {
    db,
    kafka,
    kafkaBroker: privateKafka?.broker,
    vhost,
    idp,
    redisPrefix: uniqueName('chat'),
    stop: async () => {
      await kafka.stop();
      await idp.stop();
      await vhost.drop();
      await db.drop();
    },
  };
}

export interface ChatInstance {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port>, for socket.io-client. */
  url: string;
  flushOutbox(): Promise<void>;
  close(): Promise<void>;
}

/** The environment of a chat-service instance on the file's infrastructure. */
export function chatEnv(infra: ChatInfra, extraEnv: Record<string, string> = {}): Record<string, string> {
  return {
    SERVICE_NAME: 'chat',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.CHAT_TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: infra.db.url,
    REDIS_URL: serverUrls.redis,
    REDIS_KEY_PREFIX: infra.redisPrefix,
    ...infra.kafka.env,
    RABBITMQ_URL: infra.vhost.url,
    OIDC_ISSUER: infra.idp.issuer,
    OIDC_JWKS_URL: infra.idp.jwksUrl,
    OIDC_AUDIENCE: infra.idp.audience,
    ...extraEnv,
  };
}

/** One chat-service instance listening on a free port, its fan-out consumer ready. */
export async function startChatInstance(
  infra: ChatInfra,
  extraEnv: Record<string, string> = {},
): Promise<ChatInstance> {
  const env = chatEnv(infra, extraEnv);
  @Module({ imports: [AppModule.forRoot(env)] })
  class TestChatModule {}
  const app = await createServiceApp(TestChatModule, { serviceName: 'chat' });
  await app.listen(0, '127.0.0.1');
  await app.get(FanoutConsumer).ready();
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    flushOutbox: () => app.get(OutboxRelayService).flush(),
    close: () => app.close(),
  };
}
