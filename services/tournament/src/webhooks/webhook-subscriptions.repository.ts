import { Inject, Injectable } from '@nestjs/common';
import type { WebhookEventType } from '@prodvor/contracts';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient, type WebhookSubscription as Row } from '../generated/prisma/client';
import type { WebhookOwner, WebhookOwnerKind, WebhookStatus, WebhookSubscription } from './webhook.model';

function toModel(row: Row): WebhookSubscription {
  return {
    id: row.id,
    owner: { kind: row.ownerKind as WebhookOwnerKind, id: row.ownerId },
    createdBy: row.createdBy,
    url: row.url,
    eventTypes: row.eventTypes as WebhookEventType[],
    description: row.description,
    status: row.status as WebhookStatus,
    secret: row.secret,
    previousSecret: row.previousSecret,
    previousSecretExpiresAt: row.previousSecretExpiresAt,
    createdAt: row.createdAt,
  };
}

export interface NewSubscription {
  id: string;
  owner: WebhookOwner;
  createdBy: string;
  url: string;
  eventTypes: readonly string[];
  description?: string;
  secret: string;
  idempotencyKey?: string;
}

/** Webhook subscriptions (the only code that touches `webhook_subscriptions`). */
@Injectable()
export class WebhookSubscriptionsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Serialises creations for one owner (the per-owner cap is counted under it). */
  async lockOwner(tx: Tx, owner: WebhookOwner): Promise<void> {
    await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `webhooks:${owner.kind}:${owner.id}`);
  }

  count(tx: Tx, owner: WebhookOwner): Promise<number> {
    return tx.webhookSubscription.count({ where: { ownerKind: owner.kind, ownerId: owner.id } });
  }

  async create(tx: Tx, s: NewSubscription): Promise<WebhookSubscription> {
    const row = await tx.webhookSubscription.create({
      data: {
        id: s.id,
        ownerKind: s.owner.kind,
        ownerId: s.owner.id,
        createdBy: s.createdBy,
        url: s.url,
        eventTypes: [...s.eventTypes],
        description: s.description ?? null,
        secret: s.secret,
        idempotencyKey: s.idempotencyKey ?? null,
      },
    });
    return toModel(row);
  }

  async findById(id: string): Promise<WebhookSubscription | null> {
    const row = await this.prisma.webhookSubscription.findUnique({ where: { id } });
    return row && toModel(row);
  }

  async findByIdempotencyKey(createdBy: string, idempotencyKey: string): Promise<WebhookSubscription | null> {
    const row = await this.prisma.webhookSubscription.findUnique({
      where: { createdBy_idempotencyKey: { createdBy, idempotencyKey } },
    });
    return row && toModel(row);
  }

  async list(owner: WebhookOwner, limit: number, afterId?: string): Promise<WebhookSubscription[]> {
    const rows = await this.prisma.webhookSubscription.findMany({
      where: { ownerKind: owner.kind, ownerId: owner.id, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map(toModel);
  }

  async setStatus(id: string, status: WebhookStatus): Promise<WebhookSubscription> {
    return toModel(await this.prisma.webhookSubscription.update({ where: { id }, data: { status } }));
  }

  async rotate(id: string, secret: string, previous: string, previousExpiresAt: Date): Promise<WebhookSubscription> {
    const row = await this.prisma.webhookSubscription.update({
      where: { id },
      data: { secret, previousSecret: previous, previousSecretExpiresAt: previousExpiresAt },
    });
    return toModel(row);
  }

  async delete(id: string): Promise<void> {
    await this.prisma.webhookSubscription.deleteMany({ where: { id } });
  }

  /** Active subscriptions that want `eventType` from the tournament or from one of the teams. */
  async matching(
    tx: Tx,
    eventType: string,
    tournamentId: string | undefined,
    teamIds: readonly string[],
  ): Promise<WebhookSubscription[]> {
    const owners = [
      ...(tournamentId ? [{ ownerKind: 'tournament', ownerId: tournamentId }] : []),
      ...(teamIds.length ? [{ ownerKind: 'team', ownerId: { in: [...teamIds] } }] : []),
    ];
    if (owners.length === 0) return [];
    const rows = await tx.webhookSubscription.findMany({
      where: { status: 'active', eventTypes: { has: eventType }, OR: owners },
      orderBy: { id: 'asc' },
    });
    return rows.map(toModel);
  }
}
