import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock } from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookRateLimiter } from './webhook-rate-limiter';
import { WebhookSecretBox } from './webhook-secret-box';
import { WebhookSender } from './webhook-sender';
import { WebhookSigner } from './webhook-signer';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';
import type { WebhookSubscription } from './webhook.model';

/** What the queue does with a job after an attempt. */
export type AttemptResult =
  { kind: 'done' } | { kind: 'retry'; delayMs: number } | { kind: 'dead' } | { kind: 'throttled' };

/** Wait before attempt `attempt + 1`: WEBHOOK_RETRY_BASE_DELAY_MS doubling per attempt, capped. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * One attempt of one delivery: the subscriber's rate, then a signed POST through the SSRF guard, then the
 * log line and the delivery's new status. `attempt` counts the POSTs of this run of the job (a replay starts
 * a new run); the log numbers every POST of the delivery.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly subscriptions: WebhookSubscriptionsRepository,
    private readonly limiter: WebhookRateLimiter,
    private readonly sender: WebhookSender,
    private readonly signer: WebhookSigner,
    private readonly box: WebhookSecretBox,
    private readonly config: AppConfig<TournamentConfig>,
    private readonly clock: Clock,
  ) {}

  async attempt(deliveryId: string, attempt: number): Promise<AttemptResult> {
    const delivery = await this.deliveries.findById(deliveryId);
    // Gone with its subscription, or already delivered (a redelivered job): nothing to do.
    if (!delivery || delivery.status === 'succeeded' || delivery.status === 'dead') return { kind: 'done' };
    const subscription = await this.subscriptions.findById(delivery.subscriptionId);
    if (!subscription) return { kind: 'done' };
    if (subscription.status === 'paused') {
      await this.deliveries.recordAttempt(delivery.id, {
        startedAt: this.clock.now(),
        statusCode: null,
        latencyMs: 0,
        error: 'subscription paused: not sent (replay it once resumed)',
        nextAttemptAt: null,
        status: 'dead',
      });
      return { kind: 'dead' };
    }
    if (!(await this.limiter.take(subscription.id))) return { kind: 'throttled' };

    const startedAt = this.clock.now();
    const headers = this.signer.sign(this.secretsOf(subscription, startedAt), delivery.id, startedAt, delivery.body);
    const result = await this.sender.post(subscription.url, { ...headers }, delivery.body);
    const succeeded = result.error === null;
    const last = attempt >= this.config.get('WEBHOOK_MAX_ATTEMPTS') || result.refused;
    const delayMs = backoffDelayMs(
      attempt,
      this.config.get('WEBHOOK_RETRY_BASE_DELAY_MS'),
      this.config.get('WEBHOOK_RETRY_MAX_DELAY_MS'),
    );
    const nextAttemptAt = succeeded || last ? null : new Date(startedAt.getTime() + delayMs);
    await this.deliveries.recordAttempt(delivery.id, {
      startedAt,
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      error: result.error,
      nextAttemptAt,
      status: succeeded ? 'succeeded' : last ? 'dead' : 'retrying',
    });
    if (succeeded) return { kind: 'done' };
    this.logger.warn({ deliveryId, subscriptionId: subscription.id, attempt, error: result.error }, 'webhook failed');
    return last ? { kind: 'dead' } : { kind: 'retry', delayMs };
  }

  /** The current secret, and the one before the last rotation while its grace period lasts. */
  private secretsOf(subscription: WebhookSubscription, now: Date): string[] {
    const previousValid =
      subscription.previousSecret !== null &&
      subscription.previousSecretExpiresAt !== null &&
      subscription.previousSecretExpiresAt > now;
    const sealed = previousValid ? [subscription.secret, subscription.previousSecret!] : [subscription.secret];
    return sealed.map((value) => this.box.open(value));
  }
}
