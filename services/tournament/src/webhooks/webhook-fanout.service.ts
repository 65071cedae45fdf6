import { Injectable } from '@nestjs/common';
import { consumerGroup, type WebhookEventType } from '@prodvor/contracts';
import { claimInbox, IdGenerator } from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { MatchesRepository } from '../matches/matches.repository';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookJobsPublisher } from './webhook-jobs.publisher';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';
import type { WebhookSubscription } from './webhook.model';

export const FANOUT_CONSUMER = consumerGroup('tournament', 'webhooks');

/** The fields of a domain event the fan-out reads (the payloads are the contracts' own). */
export interface WebhookSourceEvent {
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  correlationId: string;
  data: { tournamentId: string; matchId?: string; teamId?: string; homeTeamId?: string; awayTeamId?: string };
}

/**
 * Turns one domain event into a stored delivery per matching active subscription (the tournament's, and the
 * teams' it concerns) and queues a `webhook.deliver` job for each, in one transaction with the inbox claim:
 * a redelivered event changes nothing. The body is Standard Webhooks' `{ type, timestamp, data }`.
 */
@Injectable()
export class WebhookFanoutService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly subscriptions: WebhookSubscriptionsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly matches: MatchesRepository,
    private readonly teams: TeamViewsRepository,
    private readonly jobs: WebhookJobsPublisher,
    private readonly ids: IdGenerator,
  ) {}

  async fanOut(event: WebhookSourceEvent): Promise<number> {
    return this.transactions.run(async (tx) => {
      if (!(await claimInbox(tx, FANOUT_CONSUMER, event.id))) return 0;
      const teamIds = await this.teamsOf(tx, event);
      const targets = await this.stillManaged(
        tx,
        await this.subscriptions.matching(tx, event.type, event.data.tournamentId, teamIds),
      );
      if (targets.length === 0) return 0;
      const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data });
      const planned = targets.map((s) => ({
        id: this.ids.id(),
        subscriptionId: s.id,
        eventId: event.id,
        eventType: event.type,
        body,
      }));
      const created = new Set(await this.deliveries.createMany(tx, planned));
      const queued = planned.filter((d) => created.has(d.id));
      await this.jobs.queue(
        tx,
        queued.map((d) => ({ deliveryId: d.id, subscriptionId: d.subscriptionId })),
        event.correlationId,
      );
      return created.size;
    });
  }

  /**
   * A team's webhook delivers only while the captain who made it still captains the team: a captain who
   * lost the armband must not keep receiving the team's events at an endpoint of their choosing.
   */
  private async stillManaged(tx: Tx, targets: WebhookSubscription[]): Promise<WebhookSubscription[]> {
    const teamIds = [...new Set(targets.filter((s) => s.owner.kind === 'team').map((s) => s.owner.id))];
    if (teamIds.length === 0) return targets;
    const captains = await this.teams.captainIds(teamIds, tx);
    return targets.filter((s) => s.owner.kind !== 'team' || (captains.get(s.owner.id) ?? []).includes(s.createdBy));
  }

  /** The teams an event concerns: named in it, or for a live match event the match's two teams. */
  private async teamsOf(tx: Tx, event: WebhookSourceEvent): Promise<string[]> {
    const { teamId, homeTeamId, awayTeamId, matchId } = event.data;
    const named = [teamId, homeTeamId, awayTeamId].filter((id): id is string => Boolean(id));
    if (event.type !== 'match.event.recorded' || !matchId) return [...new Set(named)];
    const match = await this.matches.findById(matchId, tx);
    return [...new Set([...named, match?.homeTeamId, match?.awayTeamId].filter((id): id is string => Boolean(id)))];
  }
}
