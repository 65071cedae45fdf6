import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppConfig,
  Clock,
  cursorAfter,
  IdGenerator,
  idCursor,
  isUniqueViolation,
  type Page,
  toPage,
} from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';
import { TransactionRunner } from '../database/transaction-runner';
import type {
  CreateWebhookDto,
  ListWebhooksQueryDto,
  WebhookDto,
  WebhookWithSecretDto,
} from './dto/webhook-subscription.dto';
import { WebhookOwnerAccess } from './webhook-owner-access';
import { WebhookSecretBox } from './webhook-secret-box';
import { WebhookSigner } from './webhook-signer';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';
import { WebhookTargetPolicy } from './webhook-target-policy';
import { WebhookErrors } from './webhook.errors';
import type { WebhookOwner, WebhookStatus, WebhookSubscription } from './webhook.model';

export function toWebhookDto(s: WebhookSubscription, now: Date): WebhookDto {
  return {
    id: s.id,
    ...(s.owner.kind === 'tournament' ? { tournamentId: s.owner.id } : { teamId: s.owner.id }),
    url: s.url,
    eventTypes: s.eventTypes,
    ...(s.description ? { description: s.description } : {}),
    status: s.status,
    ...(s.previousSecretExpiresAt && s.previousSecretExpiresAt > now
      ? { previousSecretExpiresAt: s.previousSecretExpiresAt.toISOString() }
      : {}),
    createdAt: s.createdAt.toISOString(),
  };
}

/** Subscriptions of a tournament (its organizer) or a team (its captain): create, read, pause, rotate, delete. */
@Injectable()
export class WebhookSubscriptionsService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsRepository,
    private readonly access: WebhookOwnerAccess,
    private readonly policy: WebhookTargetPolicy,
    private readonly signer: WebhookSigner,
    private readonly box: WebhookSecretBox,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig<TournamentConfig>,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /** `created` is false when an `Idempotency-Key` retry answers the subscription made the first time. */
  async create(
    actor: Actor,
    dto: CreateWebhookDto,
    idempotencyKey?: string,
  ): Promise<{ webhook: WebhookWithSecretDto; created: boolean }> {
    const owner = await this.access.manage(actor, dto);
    if (idempotencyKey) {
      const existing = await this.subscriptions.findByIdempotencyKey(actor.userId, idempotencyKey);
      if (existing) return { webhook: this.replay(existing, owner, dto), created: false };
    }
    await this.policy.validate(dto.url);
    const max = this.config.get('WEBHOOK_MAX_PER_OWNER');
    const secret = this.signer.newSecret();
    try {
      const created = await this.transactions.run(async (tx) => {
        await this.subscriptions.lockOwner(tx, owner);
        if ((await this.subscriptions.count(tx, owner)) >= max) throw WebhookErrors.limitReached(max);
        return this.subscriptions.create(tx, {
          id: this.ids.id(),
          owner,
          createdBy: actor.userId,
          url: dto.url,
          eventTypes: dto.eventTypes,
          description: dto.description,
          secret: this.box.seal(secret),
          idempotencyKey,
        });
      });
      return { webhook: { ...toWebhookDto(created, this.clock.now()), secret }, created: true };
    } catch (error) {
      // Two retries with one key at the same moment: the second answers what the first made.
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      const existing = await this.subscriptions.findByIdempotencyKey(actor.userId, idempotencyKey);
      if (!existing) throw error;
      return { webhook: this.replay(existing, owner, dto), created: false };
    }
  }

  async list(actor: Actor, query: ListWebhooksQueryDto): Promise<Page<WebhookDto>> {
    const owner = await this.access.manage(actor, query);
    const after = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.subscriptions.list(owner, query.limit + 1, after);
    const now = this.clock.now();
    return toPage(
      rows,
      query.limit,
      (s) => ({ id: s.id }),
      (s) => toWebhookDto(s, now),
    );
  }

  async get(actor: Actor, id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.owned(actor, id), this.clock.now());
  }

  async setStatus(actor: Actor, id: string, status: WebhookStatus): Promise<WebhookDto> {
    await this.owned(actor, id);
    return toWebhookDto(await this.subscriptions.setStatus(id, status), this.clock.now());
  }

  /** A new secret (shown once); the old one keeps signing, beside it, for WEBHOOK_SECRET_GRACE_HOURS. */
  async rotate(actor: Actor, id: string): Promise<WebhookWithSecretDto> {
    const current = await this.owned(actor, id);
    const now = this.clock.now();
    const secret = this.signer.newSecret();
    const graceEnds = new Date(now.getTime() + this.config.get('WEBHOOK_SECRET_GRACE_HOURS') * 3_600_000);
    const rotated = await this.subscriptions.rotate(id, this.box.seal(secret), current.secret, graceEnds);
    return { ...toWebhookDto(rotated, now), secret };
  }

  async delete(actor: Actor, id: string): Promise<void> {
    await this.owned(actor, id);
    await this.subscriptions.delete(id);
  }

  /** A retried creation: the same request gets the subscription (and its current secret) again. */
  private replay(existing: WebhookSubscription, owner: WebhookOwner, dto: CreateWebhookDto): WebhookWithSecretDto {
    const same =
      existing.owner.kind === owner.kind &&
      existing.owner.id === owner.id &&
      existing.url === dto.url &&
      [...existing.eventTypes].sort().join() === [...dto.eventTypes].sort().join();
    if (!same) throw WebhookErrors.idempotencyKeyReused();
    return { ...toWebhookDto(existing, this.clock.now()), secret: this.box.open(existing.secret) };
  }

  /** The subscription if the actor manages its owner; 404 otherwise (a stranger cannot tell it exists). */
  async owned(actor: Actor, id: string): Promise<WebhookSubscription> {
    const subscription = await this.subscriptions.findById(id);
    if (!subscription || !(await this.access.manages(actor, subscription.owner))) throw WebhookErrors.notFound();
    return subscription;
  }
}
