import { Injectable } from '@nestjs/common';
import { createEnvelope, envelopeSchemaFor, Exchanges, RoutingKeys } from '@prodvor/contracts';
import { appendJobsToOutbox, Clock, IdGenerator } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';

/**
 * Queues `webhook.deliver` jobs in the caller's transaction (the platform job outbox): a delivery row and its
 * job commit together. Each job names its delivery only and has its own envelope id (a replay is a new job).
 */
@Injectable()
export class WebhookJobsPublisher {
  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async queue(
    tx: Tx,
    deliveries: readonly { deliveryId: string; subscriptionId: string }[],
    correlationId: string,
  ): Promise<void> {
    const now = this.clock.now();
    const jobs = deliveries.map((data) => {
      const envelope = createEnvelope({
        id: this.ids.id(),
        type: 'webhook.deliver',
        producer: 'tournament',
        subject: data.subscriptionId,
        correlationId,
        now,
        data: { deliveryId: data.deliveryId, subscriptionId: data.subscriptionId },
      });
      envelopeSchemaFor('webhook.deliver').parse(envelope);
      return { exchange: Exchanges.webhooks, routingKey: RoutingKeys.webhookDeliver, envelope };
    });
    await appendJobsToOutbox(tx, ...jobs);
  }
}
