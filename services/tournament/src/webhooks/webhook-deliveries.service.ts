import { Injectable } from '@nestjs/common';
import { type Actor, cursorAfter, idCursor, type Page, toPage } from '@prodvor/platform';
import { TransactionRunner } from '../database/transaction-runner';
import type {
  DeliveryAttemptDto,
  DeliveryDto,
  DeliveryWithLogDto,
  ListDeliveriesQueryDto,
} from './dto/webhook-delivery.dto';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookJobsPublisher } from './webhook-jobs.publisher';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import { WebhookErrors } from './webhook.errors';
import type { DeliveryAttempt, WebhookDelivery } from './webhook.model';

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);

function toDeliveryDto(d: WebhookDelivery): DeliveryDto {
  // Absent values stay undefined, which JSON leaves out.
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode ?? undefined,
    lastError: d.lastError ?? undefined,
    nextAttemptAt: iso(d.nextAttemptAt),
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
  };
}

function toAttemptDto(a: DeliveryAttempt): DeliveryAttemptDto {
  return {
    attempt: a.attempt,
    startedAt: a.startedAt.toISOString(),
    statusCode: a.statusCode ?? undefined,
    latencyMs: a.latencyMs,
    error: a.error ?? undefined,
    nextAttemptAt: iso(a.nextAttemptAt),
  };
}

/** The delivery log of a subscription, read by its owner, and replays. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsService,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly transactions: TransactionRunner,
    private readonly jobs: WebhookJobsPublisher,
  ) {}

  /** Newest first. */
  async list(actor: Actor, subscriptionId: string, query: ListDeliveriesQueryDto): Promise<Page<DeliveryDto>> {
    await this.subscriptions.owned(actor, subscriptionId);
    const before = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.deliveries.list(subscriptionId, query.limit + 1, query.status, before);
    return toPage(rows, query.limit, (d) => ({ id: d.id }), toDeliveryDto);
  }

  async get(actor: Actor, subscriptionId: string, deliveryId: string): Promise<DeliveryWithLogDto> {
    const delivery = await this.owned(actor, subscriptionId, deliveryId);
    const log = await this.deliveries.log(deliveryId);
    return { ...toDeliveryDto(delivery), body: delivery.body, log: log.map(toAttemptDto) };
  }

  /** Sends a finished delivery (succeeded, or dead-lettered) again, same id and body, with a fresh set of attempts. */
  async replay(actor: Actor, subscriptionId: string, deliveryId: string): Promise<DeliveryDto> {
    const delivery = await this.owned(actor, subscriptionId, deliveryId);
    await this.transactions.run(async (tx) => {
      if (!(await this.deliveries.reopen(tx, deliveryId))) throw WebhookErrors.deliveryInProgress();
      await this.jobs.queue(tx, [{ deliveryId, subscriptionId }], actor.correlationId);
    });
    // As queued: the attempt itself may already be under way.
    return { ...toDeliveryDto(delivery), status: 'pending', nextAttemptAt: undefined };
  }

  private async owned(actor: Actor, subscriptionId: string, deliveryId: string): Promise<WebhookDelivery> {
    await this.subscriptions.owned(actor, subscriptionId);
    const delivery = await this.deliveries.findById(deliveryId);
    if (!delivery || delivery.subscriptionId !== subscriptionId) throw WebhookErrors.deliveryNotFound();
    return delivery;
  }
}
