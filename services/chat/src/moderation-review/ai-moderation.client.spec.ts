import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig, loadConfig } from '@prodvor/platform';
import { chatConfigSchema, type ChatConfig } from '../config/chat.config';
import { AiModerationClient } from './ai-moderation.client';
import { aiModerationClientFrom } from './moderation-review.module';

describe('AiModerationClient', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: string };
  const received: IncomingHttpHeaders[] = [];
  const bodies: unknown[] = [];
  let issued = 0;
  let invalidated = 0;
  const tokens = {
    token: () => Promise.resolve(`header.token-${++issued}.sig`),
    invalidate: () => void invalidated++,
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push(req.headers);
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString()));
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    bodies.length = 0;
    invalidated = 0;
  });

  const client = () => new AiModerationClient(url, tokens, { timeoutMs: 500 });

  it("returns the verdict, asking with chat-service's token and naming the author in the body", async () => {
    answer = { status: 200, body: JSON.stringify({ verdict: 'spam', reason: 'links', confidence: 0.8 }) };
    expect(await client().classify('0b5c2a9e-7d1f-4a51-9a3e-2f0c8d6b4e11', 'buy now', 'corr-1')).toEqual({
      verdict: 'spam',
      reason: 'links',
    });
    expect(received[0].authorization).toMatch(/^Bearer header\.token-\d+\.sig$/);
    expect(received[0]['x-authenticated-userid']).toBeUndefined();
    expect(received[0]['x-userinfo']).toBeUndefined();
    expect(bodies[0]).toEqual({ text: 'buy now', authorId: '0b5c2a9e-7d1f-4a51-9a3e-2f0c8d6b4e11' });
    expect(received[0]['x-correlation-id']).toBe('corr-1');
  });

  it('reports a refusal (429) as skipped without retrying it', async () => {
    answer = { status: 429, body: '{}' };
    expect(await client().classify('0b5c2a9e-7d1f-4a51-9a3e-2f0c8d6b4e11', 'hi', 'c')).toEqual({ skipped: 429 });
    expect(received).toHaveLength(1);
  });

  it('drops a refused token (401/403) and retries once with a new one', async () => {
    answer = { status: 401, body: '{}' };
    await expect(client().classify('0b5c2a9e-7d1f-4a51-9a3e-2f0c8d6b4e11', 'hi', 'c')).rejects.toThrow(/refused/);
    expect(received).toHaveLength(2);
    expect(invalidated).toBe(2);
    expect(received[0].authorization).not.toBe(received[1].authorization);
  });

  it('throws on a 5xx (after one retry) and on an answer off the contract', async () => {
    answer = { status: 502, body: '{}' };
    await expect(client().classify('0b5c2a9e-7d1f-4a51-9a3e-2f0c8d6b4e11', 'hi', 'c')).rejects.toThrow();
    expect(received).toHaveLength(2);
    answer = { status: 200, body: JSON.stringify({ verdict: 'rude' }) };
    await expect(client().classify('0b5c2a9e-7d1f-4a51-9a3e-2f0c8d6b4e11', 'hi', 'c')).rejects.toThrow(/contract/);
  });

  it('is off without AI_SERVICE_URL, and refuses to start with it but without the client secret', () => {
    const config = (env: Record<string, string>) =>
      new AppConfig<ChatConfig>(
        loadConfig(chatConfigSchema, {
          SERVICE_NAME: 'chat',
          DATABASE_URL: 'postgresql://db/chat',
          REDIS_URL: 'redis://redis',
          KAFKA_BROKERS: 'kafka:9092',
          RABBITMQ_URL: 'amqp://rabbit',
          ...env,
        }),
        chatConfigSchema,
      );
    expect(aiModerationClientFrom(config({}))).toBeNull();
    expect(() => aiModerationClientFrom(config({ AI_SERVICE_URL: url }))).toThrow(/CHAT_SERVICE_CLIENT_SECRET/);
    expect(aiModerationClientFrom(config({ AI_SERVICE_URL: url, CHAT_SERVICE_CLIENT_SECRET: 's' }))).toBeInstanceOf(
      AiModerationClient,
    );
  });
});
