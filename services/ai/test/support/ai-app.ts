import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@prodvor/platform';
import {
  bearerHeaders,
  testIdentityEnv,
  serverUrls,
  startTestKafka,
  uniqueName,
  type TestKafka,
} from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../../src/app.module';
import { AI_BODY_LIMIT_BYTES } from '../../src/config/ai.config';
import { AiRuntime } from '../../src/genkit/ai-runtime';
import { scriptedModel, type ScriptedModel } from '../../src/genkit/testing/scripted-model';

export interface AiTestApp {
  app: NestFastifyApplication;
  kafka: TestKafka;
  /** Undefined when the app runs without a provider, or with the one its env configures. */
  model?: ScriptedModel;
  close(): Promise<void>;
}

/** The ai-service with a scripted Genkit model (or none), a Kafka mock broker and a unique Redis prefix. */
export async function startAiApp(
  /** `configured`: a scripted model (default), none (false), or the provider the env configures ('env'). */
  options: { configured?: boolean | 'env'; env?: Record<string, string> } = {},
): Promise<AiTestApp> {
  const kafka = await startTestKafka();
  const model = options.configured === false || options.configured === 'env' ? undefined : scriptedModel();
  const env = {
    SERVICE_NAME: 'ai',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: serverUrls.redis,
    REDIS_KEY_PREFIX: uniqueName('ai'),
    ...kafka.env,
    ...(await testIdentityEnv()),
    ...options.env,
  };
  const runtime =
    options.configured === 'env'
      ? undefined
      : model
        ? AiRuntime.withPlugin(model.plugin, model.model)
        : new AiRuntime(undefined, undefined);
  @Module({ imports: [AppModule.forRoot(env, runtime)] })
  class TestAiModule {}
  const app = await createServiceApp(TestAiModule, { serviceName: 'ai', bodyLimitBytes: AI_BODY_LIMIT_BYTES });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    kafka,
    model,
    close: async () => {
      await app.close();
      await kafka.stop();
    },
  };
}

/**
 * chat-service as ai-service sees it: an access token of its service account (client
 * `prodvor-chat-service`, realm role `service:moderation`), as its client credentials grant returns it.
 */
export function chatServiceAccount(): { id: string; headers: Record<string, string> } {
  const id = randomUUID();
  const claims = { sub: id, preferred_username: 'service-account-prodvor-chat-service', email: undefined };
  return {
    id,
    headers: bearerHeaders(
      { ...claims, realm_access: { roles: ['service:moderation'] } },
      { azp: 'prodvor-chat-service' },
    ),
  };
}

export function newUser(roles: string[] = ['player']): { id: string; headers: Record<string, string> } {
  const id = randomUUID();
  return { id, headers: bearerHeaders({ sub: id, realm_access: { roles } }) };
}
