import { AppConfig, type Clock, loadConfig } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import { tournamentConfigSchema, type TournamentConfig } from '../config/tournament.config';
import type { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { backoffDelayMs, WebhookDeliveryService } from './webhook-delivery.service';
import type { WebhookRateLimiter } from './webhook-rate-limiter';
import { WebhookSecretBox } from './webhook-secret-box';
import type { SendResult, WebhookSender } from './webhook-sender';
import { WebhookSigner } from './webhook-signer';
import type { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';
import type { AttemptOutcome, WebhookDelivery, WebhookSubscription } from './webhook.model';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const config = new AppConfig<TournamentConfig>(
  loadConfig(tournamentConfigSchema, {
    SERVICE_NAME: 'tournament',
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x',
    KAFKA_BROKERS: '127.0.0.1:9092',
    RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
    WEBHOOK_MAX_ATTEMPTS: '3',
    WEBHOOK_RETRY_BASE_DELAY_MS: '1000',
  }),
  tournamentConfigSchema,
);

const delivery = (over: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: '0193a000-0000-7000-8000-000000000001',
  subscriptionId: 's1',
  eventId: 'e1',
  eventType: 'tournament.match.result_confirmed',
  body: '{"type":"tournament.match.result_confirmed"}',
  status: 'pending',
  attempts: 0,
  lastStatusCode: null,
  lastError: null,
  nextAttemptAt: null,
  deliveredAt: null,
  createdAt: NOW,
  ...over,
});

const subscription = (over: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  id: 's1',
  owner: { kind: 'tournament', id: 't1' },
  createdBy: 'u1',
  url: 'https://hooks.example.org/in',
  eventTypes: ['tournament.match.result_confirmed'],
  description: null,
  status: 'active',
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  previousSecret: null,
  previousSecretExpiresAt: null,
  createdAt: NOW,
  ...over,
});

function serviceWith(opts: {
  delivery?: WebhookDelivery | null;
  subscription?: WebhookSubscription | null;
  allowed?: boolean;
  send?: SendResult;
}) {
  const recorded: AttemptOutcome[] = [];
  const sent: Record<string, string>[] = [];
  const service = new WebhookDeliveryService(
    strictFake<WebhookDeliveriesRepository>('deliveries', {
      findById: async () => (opts.delivery === undefined ? delivery() : opts.delivery),
      recordAttempt: async (_id: string, outcome: AttemptOutcome) => void recorded.push(outcome),
    }),
    strictFake<WebhookSubscriptionsRepository>('subscriptions', {
      findById: async () => (opts.subscription === undefined ? subscription() : opts.subscription),
    }),
    strictFake<WebhookRateLimiter>('limiter', { take: async () => opts.allowed ?? true }),
    strictFake<WebhookSender>('sender', {
      post: async (_url: string, headers: Record<string, string>) => {
        sent.push(headers);
        return opts.send ?? { statusCode: 204, latencyMs: 5, error: null, refused: false };
      },
    }),
    new WebhookSigner(),
    new WebhookSecretBox(config),
    config,
    strictFake<Clock>('clock', { now: () => NOW }),
  );
  return { service, recorded, sent };
}

describe('WebhookDeliveryService', () => {
  it('waits the base delay doubled per attempt, capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });

  it('logs a success and is done', async () => {
    const { service, recorded, sent } = serviceWith({});
    expect(await service.attempt('d1', 1)).toEqual({ kind: 'done' });
    expect(recorded).toEqual([
      { startedAt: NOW, statusCode: 204, latencyMs: 5, error: null, nextAttemptAt: null, status: 'succeeded' },
    ]);
    expect(sent[0]['webhook-signature'].split(' ')).toHaveLength(1);
  });

  it('retries a failure with the backoff and names the next attempt, then gives up after the last', async () => {
    const send = { statusCode: 503, latencyMs: 7, error: 'HTTP 503', refused: false };
    const first = serviceWith({ send });
    expect(await first.service.attempt('d1', 2)).toEqual({ kind: 'retry', delayMs: 2000 });
    expect(first.recorded[0]).toMatchObject({ status: 'retrying', nextAttemptAt: new Date(NOW.getTime() + 2000) });
    const last = serviceWith({ send });
    expect(await last.service.attempt('d1', 3)).toEqual({ kind: 'dead' });
    expect(last.recorded[0]).toMatchObject({ status: 'dead', nextAttemptAt: null, error: 'HTTP 503' });
  });

  it('dead-letters at once a target the address policy refuses when connecting (DNS rebinding)', async () => {
    const send = { statusCode: null, latencyMs: 1, error: 'refused: x resolves to 10.0.0.5', refused: true };
    const { service, recorded } = serviceWith({ send });
    expect(await service.attempt('d1', 1)).toEqual({ kind: 'dead' });
    expect(recorded[0]).toMatchObject({ status: 'dead', statusCode: null });
  });

  it('defers over the rate limit without an attempt', async () => {
    const { service, recorded, sent } = serviceWith({ allowed: false });
    expect(await service.attempt('d1', 1)).toEqual({ kind: 'throttled' });
    expect([recorded, sent]).toEqual([[], []]);
  });

  it('does nothing for a delivered, dead or deleted one; ends it when the subscription is paused', async () => {
    for (const d of [delivery({ status: 'succeeded' }), delivery({ status: 'dead' }), null])
      expect(await serviceWith({ delivery: d }).service.attempt('d1', 1)).toEqual({ kind: 'done' });
    const paused = serviceWith({ subscription: subscription({ status: 'paused' }) });
    expect(await paused.service.attempt('d1', 1)).toEqual({ kind: 'dead' });
    expect(paused.sent).toEqual([]);
    expect(paused.recorded[0]).toMatchObject({ status: 'dead', error: expect.stringContaining('paused') });
  });

  it('signs with the previous secret too until its grace period ends', async () => {
    const previous = { previousSecret: 'whsec_' + Buffer.alloc(32, 1).toString('base64') };
    const during = serviceWith({
      subscription: subscription({ ...previous, previousSecretExpiresAt: new Date(NOW.getTime() + 1) }),
    });
    await during.service.attempt('d1', 1);
    expect(during.sent[0]['webhook-signature'].split(' ')).toHaveLength(2);
    const after = serviceWith({ subscription: subscription({ ...previous, previousSecretExpiresAt: NOW }) });
    await after.service.attempt('d1', 1);
    expect(after.sent[0]['webhook-signature'].split(' ')).toHaveLength(1);
  });
});
