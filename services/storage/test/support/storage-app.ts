import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, createServiceApp, migrationsFor } from '@prodvor/platform';
import {
  createBucket,
  createTestDatabase,
  createTestVhost,
  bearerHeaders,
  testIdentityEnv,
  s3Client,
  serverUrls,
  startTestKafka,
  startS3Server,
  uniqueName,
  type TestKafka,
  type S3Server,
  type TestDatabase,
  type TestVhost,
} from '@prodvor/testing';
import type { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';

export const BUCKET = 'prodvor-media-test';

export interface StorageTestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  kafka: TestKafka;
  vhost: TestVhost;
  s3: S3Server;
  s3Client: S3Client;
  clock: Clock;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The storage-service over a fresh database, vhost, Kafka mock broker and s3rver with its bucket. */
export async function startStorageApp(extraEnv: Record<string, string> = {}): Promise<StorageTestApp> {
  const db = await createTestDatabase('storage', migrationsFor(join(__dirname, '../../prisma/migrations')));
  const kafka = await startTestKafka();
  const vhost = await createTestVhost('storage');
  const s3 = await startS3Server();
  await createBucket(s3, BUCKET);
  const env: Record<string, string> = {
    SERVICE_NAME: 'storage',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.STORAGE_TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: serverUrls.redis,
    REDIS_KEY_PREFIX: uniqueName('storage'),
    ...kafka.env,
    ...(await testIdentityEnv()),
    RABBITMQ_URL: vhost.url,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: BUCKET,
    S3_REGION: s3.region,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    MEDIA_JOB_RETRY_DELAY_MS: '100',
    ...extraEnv,
  };
  @Module({ imports: [AppModule.forRoot(env)] })
  class TestStorageModule {}
  const app = await createServiceApp(TestStorageModule, { serviceName: 'storage' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db,
    kafka,
    vhost,
    s3,
    s3Client: s3Client(s3),
    clock: app.get(Clock),
    env,
    close: async () => {
      await app.close();
      await kafka.stop();
      await vhost.drop();
      await s3.stop();
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
