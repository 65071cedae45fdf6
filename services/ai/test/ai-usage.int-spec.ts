import { AppConfig, DomainError, loadConfig, MetricsService, RedisStore } from '@prodvor/platform';
import { serverUrls, uniqueName } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { aiConfigSchema } from '../src/config/ai.config';
import { AiRuntime } from '../src/genkit/ai-runtime';
import { scriptedModel } from '../src/genkit/testing/scripted-model';
import { ModerationService } from '../src/moderation/moderation.service';
import { AiUsageService } from '../src/usage/ai-usage.service';

describe('AiUsageService quotas against real Redis', () => {
  const opened: RedisStore[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((r) => r.onApplicationShutdown()));
  });
  const setup = async () => {
    const env = {
      SERVICE_NAME: 'ai',
      REDIS_URL: serverUrls.redis,
      KAFKA_BROKERS: '127.0.0.1:1',
      AI_DAILY_QUOTA: '2',
      AI_MODERATION_DAILY_QUOTA: '1',
    };
    const config = new AppConfig(loadConfig(aiConfigSchema, env), aiConfigSchema);
    const redis = await RedisStore.open({ url: serverUrls.redis, prefix: uniqueName('ai') });
    opened.push(redis);
    return { redis, config, usage: new AiUsageService(redis, config, new MetricsService()) };
  };
  const ok = () => Promise.resolve('answer');
  const fails = (error: Error) => () => Promise.reject(error);

  it("gives the unit back when the model fails for a reason that is not the user's, not for the user's own errors", async () => {
    const { usage } = await setup();
    const user = randomUUID();
    for (const error of [
      new DomainError('AI_UNAVAILABLE', 503, 'The AI model did not answer in time'),
      new DomainError('AI_OUTPUT_INVALID', 503, 'no valid answer'),
      new DomainError('DEPENDENCY_UNAVAILABLE', 503, 'tournament-service down'),
      new Error('unexpected'),
    ])
      await expect(usage.charged(user, fails(error))).rejects.toBe(error);
    // Nothing was spent: the whole quota (2) remains.
    await expect(usage.charged(user, ok)).resolves.toBe('answer');
    // A refusal the user caused (e.g. 422) spends its unit.
    await expect(usage.charged(user, fails(new DomainError('AI_MATCH_NOT_FINISHED', 422, 'x')))).rejects.toThrow();
    await expect(usage.charged(user, ok)).rejects.toMatchObject({ code: 'AI_QUOTA_EXCEEDED', status: 429 });
  });

  it('answers 503 DEPENDENCY_UNAVAILABLE, not a 500, when the quota store is down', async () => {
    const { usage, redis } = await setup();
    await redis.client.disconnect();
    await expect(usage.charged(randomUUID(), ok)).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      status: 503,
    });
  });

  it('lets the rules decide moderation when the quota store is down, and refunds a failed model call', async () => {
    const { usage, redis, config } = await setup();
    const model = scriptedModel();
    const moderation = new ModerationService(AiRuntime.withPlugin(model.plugin, model.model), usage, config);
    const author = randomUUID();
    // Model fails: rules decide, and the unit (quota 1) is given back, so the next message is the model's.
    model.reply(new Error('provider down'));
    await expect(moderation.classify(author, 'call +7 912 345-67-89')).resolves.toMatchObject({
      verdict: 'personal_data',
      decidedBy: 'rules',
    });
    model.reply(JSON.stringify({ verdict: 'ok', reason: 'friendly', confidence: 0.9 }));
    await expect(moderation.classify(author, 'good game')).resolves.toMatchObject({ decidedBy: 'model' });
    await redis.client.disconnect();
    const calls = model.requests.length;
    await expect(moderation.classify(randomUUID(), 'ты дебил')).resolves.toMatchObject({
      verdict: 'toxic',
      decidedBy: 'rules',
    });
    expect(model.requests).toHaveLength(calls);
  });
});
