import { isOriginalStart, occurrenceAt } from '@prodvor/contracts';
import { Injectable } from '@nestjs/common';
import { type Actor, Clock, cursorAfter, encodeCursor, type Page, UserProfiles } from '@prodvor/platform';
import { z } from 'zod';
import { TransactionRunner, type Tx } from '../../database/transaction-runner';
import { TeamMembersRepository } from '../../members/team-members.repository';
import { overrideOf } from '../recurrence';
import { RsvpsRepository } from '../rsvps.repository';
import { ScheduleAccess } from '../schedule-access';
import { ScheduleErrors } from '../schedule.errors';
import type { Occurrence, TeamEventWithOverrides } from '../team-event.model';
import { TeamEventsRepository } from '../team-events.repository';
import { BalancerClient } from './balancer.client';
import {
  PickupGameDto,
  type PickupResultInputDto,
  type PickupSkillDto,
  type PickupStatsRowDto,
} from './dto/pickup.dto';
import { PickupErrors } from './pickup.errors';
import { DEFAULT_PICKUP_SKILL, type PickupResult, type SideMember } from './pickup.model';
import { PickupRepository } from './pickup.repository';
import { pickupStats } from './pickup-stats';

const statsCursor = z.object({ offset: z.number().int().min(0).max(100_000) });

/** Pickup games: the balancer draws two sides from an occurrence's going list; results feed the stats. */
@Injectable()
export class PickupService {
  constructor(
    private readonly events: TeamEventsRepository,
    private readonly rsvps: RsvpsRepository,
    private readonly pickup: PickupRepository,
    private readonly members: TeamMembersRepository,
    private readonly access: ScheduleAccess,
    private readonly balancer: BalancerClient,
    private readonly transactions: TransactionRunner,
    private readonly profiles: UserProfiles,
    private readonly clock: Clock,
  ) {}

  async setSkill(actor: Actor, teamId: string, userId: string, skill: number): Promise<PickupSkillDto> {
    return this.transactions.run(async (tx) => {
      await this.access.requireActiveManager(tx, teamId, actor.userId);
      if (!(await this.members.userIdsOf(tx, teamId)).includes(userId)) throw PickupErrors.notMember();
      await this.pickup.saveSkill(tx, { teamId, userId, skill, updatedBy: actor.userId, updatedAt: this.clock.now() });
      return { teamId, userId, skill };
    });
  }

  /** Draws the sides from the going list (never the waitlist); a new draw replaces the previous one. */
  async drawSides(
    actor: Actor,
    authorization: string,
    teamId: string,
    eventId: string,
    occurrenceStart: Date,
  ): Promise<PickupGameDto> {
    const players = await this.transactions.run(async (tx) => {
      await this.access.requireActiveManager(tx, teamId, actor.userId);
      const occurrence = await this.pickupOccurrence(tx, teamId, eventId, occurrenceStart, true);
      if (this.clock.now() >= occurrence.endsAt) throw PickupErrors.occurrenceEnded();
      const roster = new Set(await this.members.userIdsOf(tx, teamId));
      const going = (await this.rsvps.ofOccurrence(eventId, occurrenceStart, tx))
        .filter((rsvp) => rsvp.response === 'yes' && !rsvp.waitlisted && roster.has(rsvp.userId))
        .map((rsvp) => rsvp.userId);
      if (going.length < 2) throw PickupErrors.tooFewPlayers();
      const skills = await this.pickup.skillsOf(tx, teamId, going);
      return going.map((id) => ({ id, skill: skills.get(id) ?? DEFAULT_PICKUP_SKILL }));
    });
    // The balancer is called outside any transaction: no row stays locked while ai-service answers.
    const [sideA, sideB] = await this.balancer.split(players, authorization);
    const skillOf = new Map(players.map((p) => [p.id, p.skill]));
    const known = [...sideA, ...sideB];
    if (known.length !== players.length || known.some((id) => !skillOf.has(id)) || new Set(known).size !== known.length)
      throw PickupErrors.balancerUnavailable();
    const now = this.clock.now();
    const member = (userId: string, side: 'A' | 'B'): SideMember => ({
      eventId,
      occurrenceStart,
      userId,
      side,
      skill: skillOf.get(userId) ?? DEFAULT_PICKUP_SKILL,
      createdBy: actor.userId,
      createdAt: now,
    });
    const drawn = await this.transactions.run(async (tx) => {
      await this.access.requireActiveManager(tx, teamId, actor.userId);
      const occurrence = await this.pickupOccurrence(tx, teamId, eventId, occurrenceStart, true, true);
      if (this.clock.now() >= occurrence.endsAt) throw PickupErrors.occurrenceEnded();
      const sides = [...sideA.map((id) => member(id, 'A')), ...sideB.map((id) => member(id, 'B'))];
      await this.pickup.replaceSides(tx, eventId, occurrenceStart, sides);
      // A new draw voids the result of the old sides.
      await this.pickup.removeResult(tx, eventId, occurrenceStart);
      return this.pickup.sidesOf(eventId, occurrenceStart, tx);
    });
    return this.toGame(eventId, occurrenceStart, drawn, null);
  }

  async game(actor: Actor, teamId: string, eventId: string, occurrenceStart: Date): Promise<PickupGameDto> {
    const { sides, result } = await this.transactions.run(async (tx) => {
      await this.access.requireMember(tx, teamId, actor.userId);
      await this.pickupOccurrence(tx, teamId, eventId, occurrenceStart, false);
      const drawn = await this.pickup.sidesOf(eventId, occurrenceStart, tx);
      return { sides: drawn, result: await this.pickup.resultOf(eventId, occurrenceStart, tx) };
    });
    return this.toGame(eventId, occurrenceStart, sides, result);
  }

  async recordResult(
    actor: Actor,
    teamId: string,
    eventId: string,
    occurrenceStart: Date,
    dto: PickupResultInputDto,
  ): Promise<PickupGameDto> {
    const recorded = await this.transactions.run(async (tx) => {
      await this.access.requireActiveManager(tx, teamId, actor.userId);
      const occurrence = await this.pickupOccurrence(tx, teamId, eventId, occurrenceStart, true, true);
      const now = this.clock.now();
      if (now < occurrence.startsAt) throw PickupErrors.resultTooEarly();
      const sides = await this.pickup.sidesOf(eventId, occurrenceStart, tx);
      if (sides.length === 0) throw PickupErrors.sidesNotSet();
      const sideOf = new Map(sides.map((m) => [m.userId, m.side]));
      const goals = { A: 0, B: 0 };
      const seen = new Set<string>();
      for (const scorer of dto.scorers) {
        const side = sideOf.get(scorer.userId);
        if (!side || seen.has(scorer.userId)) throw PickupErrors.scorerNotOnSide();
        seen.add(scorer.userId);
        goals[side] += scorer.goals;
      }
      if (goals.A > dto.sideAScore || goals.B > dto.sideBScore) throw PickupErrors.goalsOverScore();
      const result = {
        eventId,
        occurrenceStart,
        teamId,
        sideAScore: dto.sideAScore,
        sideBScore: dto.sideBScore,
        scorers: dto.scorers.map((s) => ({ userId: s.userId, goals: s.goals })),
        recordedBy: actor.userId,
        recordedAt: now,
      };
      await this.pickup.saveResult(tx, result);
      return { sides, result };
    });
    return this.toGame(eventId, occurrenceStart, recorded.sides, recorded.result);
  }

  async stats(actor: Actor, teamId: string, limit: number, cursor?: string): Promise<Page<PickupStatsRowDto>> {
    const offset = cursorAfter(cursor, statsCursor)?.offset ?? 0;
    const rows = await this.transactions.run(async (tx) => {
      await this.access.requireMember(tx, teamId, actor.userId);
      const roster = await this.members.userIdsOf(tx, teamId);
      return pickupStats(roster, await this.pickup.resultsWithSides(tx, teamId));
    });
    const items = rows.slice(offset, offset + limit);
    const people = await this.profiles.people(items.map((row) => row.userId));
    return {
      items: items.map((row) => ({ ...row, ...people.of(row.userId) })),
      nextCursor: rows.length > offset + limit ? encodeCursor({ offset: offset + limit }) : null,
    };
  }

  private async toGame(
    eventId: string,
    occurrenceStart: Date,
    sides: SideMember[],
    result: PickupResult | null,
  ): Promise<PickupGameDto> {
    const people = await this.profiles.people(sides.map((m) => m.userId));
    return PickupGameDto.from(eventId, occurrenceStart, sides, result, people);
  }

  /**
   * The occurrence of a pickup event; `open`: it must not be cancelled. `lock`: the event row stays locked
   * until the transaction ends, so concurrent draws and results of one event run one after another.
   */
  private async pickupOccurrence(
    tx: Tx,
    teamId: string,
    eventId: string,
    occurrenceStart: Date,
    open: boolean,
    lock = false,
  ): Promise<Occurrence> {
    const event: TeamEventWithOverrides | null = lock
      ? await this.events.lock(tx, teamId, eventId)
      : await this.events.find(teamId, eventId, tx);
    if (!event) throw ScheduleErrors.notFound();
    if (!isOriginalStart(event, occurrenceStart)) throw ScheduleErrors.occurrenceNotFound();
    if (event.kind !== 'pickup') throw PickupErrors.notPickup();
    const occurrence = occurrenceAt(event, occurrenceStart, overrideOf(event, occurrenceStart));
    if (open && (event.cancelledAt || occurrence.cancelled)) throw ScheduleErrors.cancelled();
    return occurrence;
  }
}
