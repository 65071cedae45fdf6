import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import {
  PrismaClient,
  type WebhookDelivery as Row,
  type WebhookDeliveryAttempt as AttemptRow,
} from '../generated/prisma/client';
import type { DeliveryStatus } from './dto/webhook-delivery.dto';
import type { AttemptOutcome, DeliveryAttempt, WebhookDelivery } from './webhook.model';

function toModel(row: Row): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    eventId: row.eventId,
    eventType: row.eventType,
    body: row.body,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  };
}

function toAttempt(row: AttemptRow): DeliveryAttempt {
  return {
    attempt: row.attempt,
    startedAt: row.startedAt,
    statusCode: row.statusCode,
    latencyMs: row.latencyMs,
    error: row.error,
    nextAttemptAt: row.nextAttemptAt,
  };
}

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  body: string;
}

/** Webhook deliveries and their log (the only code that touches those tables). */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Inserts the deliveries an event fans out to; one already there (same subscription and event) is kept. */
  async createMany(tx: Tx, deliveries: NewDelivery[]): Promise<string[]> {
    if (deliveries.length === 0) return [];
    await tx.webhookDelivery.createMany({ data: deliveries, skipDuplicates: true });
    const rows = await tx.webhookDelivery.findMany({
      where: { id: { in: deliveries.map((d) => d.id) } },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async findById(id: string): Promise<WebhookDelivery | null> {
    const row = await this.prisma.webhookDelivery.findUnique({ where: { id } });
    return row && toModel(row);
  }

  async list(
    subscriptionId: string,
    limit: number,
    status?: DeliveryStatus,
    beforeId?: string,
  ): Promise<WebhookDelivery[]> {
    const rows = await this.prisma.webhookDelivery.findMany({
      where: { subscriptionId, ...(status ? { status } : {}), ...(beforeId ? { id: { lt: beforeId } } : {}) },
      orderBy: { id: 'desc' },
      take: limit,
    });
    return rows.map(toModel);
  }

  async log(deliveryId: string): Promise<DeliveryAttempt[]> {
    const rows = await this.prisma.webhookDeliveryAttempt.findMany({
      where: { deliveryId },
      orderBy: { attempt: 'asc' },
    });
    return rows.map(toAttempt);
  }

  /** Appends the attempt to the log and moves the delivery to the outcome's status, in one transaction. */
  async recordAttempt(deliveryId: string, outcome: AttemptOutcome): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const updated = await tx.webhookDelivery.update({
        where: { id: deliveryId },
        data: {
          attempts: { increment: 1 },
          status: outcome.status,
          lastStatusCode: outcome.statusCode,
          lastError: outcome.error,
          nextAttemptAt: outcome.nextAttemptAt,
          ...(outcome.status === 'succeeded' ? { deliveredAt: outcome.startedAt } : {}),
        },
        select: { attempts: true },
      });
      await tx.webhookDeliveryAttempt.create({
        data: {
          deliveryId,
          attempt: updated.attempts,
          startedAt: outcome.startedAt,
          statusCode: outcome.statusCode,
          latencyMs: outcome.latencyMs,
          error: outcome.error,
          nextAttemptAt: outcome.nextAttemptAt,
        },
      });
    });
  }

  /** Deletes up to `batch` finished deliveries (and their log) created before `before`; returns how many. */
  async pruneFinished(before: Date, batch: number): Promise<number> {
    const rows = await this.prisma.webhookDelivery.findMany({
      where: { status: { in: ['succeeded', 'dead'] }, createdAt: { lt: before } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: batch,
    });
    if (rows.length === 0) return 0;
    const { count } = await this.prisma.webhookDelivery.deleteMany({
      where: { id: { in: rows.map((r) => r.id) }, status: { in: ['succeeded', 'dead'] } },
    });
    return count;
  }

  /** Puts a finished (succeeded or dead) delivery back to pending; false when it is still being attempted. */
  async reopen(tx: Tx, deliveryId: string): Promise<boolean> {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, status: { in: ['succeeded', 'dead'] } },
      data: { status: 'pending', nextAttemptAt: null },
    });
    return count === 1;
  }
}
