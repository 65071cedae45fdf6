import { isOriginalStart, MAX_OVERRIDE_SHIFT_MS, occurrenceAt } from '@prodvor/contracts';
import { Injectable } from '@nestjs/common';
import { type Actor, Clock, EventPublisher, UserProfiles } from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { OccurrenceRsvpsDto, RsvpDto } from './dto/rsvp.dto';
import { overrideOf } from './recurrence';
import { ScheduleAccess } from './schedule-access';
import { ScheduleErrors } from './schedule.errors';
import { ScheduleNotifier } from './schedule-notifier';
import type { Occurrence, RsvpResponse, TeamEvent, TeamEventWithOverrides } from './team-event.model';
import { TeamEventsRepository } from './team-events.repository';
import { RsvpsRepository } from './rsvps.repository';

/**
 * Answers to occurrences, with the capacity and its waitlist. Every answer locks the event row first,
 * so answers to one event run one after another: the going count read is the one the write sees,
 * concurrent "yes" answers never overfill, and a freed place goes to exactly one waiting member.
 */
@Injectable()
export class WaitlistService {
  constructor(
    private readonly events: TeamEventsRepository,
    private readonly rsvps: RsvpsRepository,
    private readonly access: ScheduleAccess,
    private readonly transactions: TransactionRunner,
    private readonly publisher: EventPublisher,
    private readonly notifier: ScheduleNotifier,
    private readonly profiles: UserProfiles,
    private readonly clock: Clock,
  ) {}

  async answer(
    actor: Actor,
    teamId: string,
    eventId: string,
    occurrenceStart: Date,
    response: RsvpResponse,
  ): Promise<RsvpDto> {
    const rsvp = await this.transactions.run(async (tx) => {
      await this.access.requireMember(tx, teamId, actor.userId);
      const event = await this.events.lock(tx, teamId, eventId);
      if (!event) throw ScheduleErrors.notFound();
      const occurrence = this.openOccurrence(event, occurrenceStart);
      const now = this.clock.now();
      if (now.getTime() >= occurrence.startsAt.getTime() - event.rsvpCloseMinutes * 60_000)
        throw ScheduleErrors.rsvpClosed();
      const previous = await this.rsvps.find(tx, eventId, occurrenceStart, actor.userId);
      if (previous?.response === response) return previous;
      let waitlisted = false;
      if (response === 'yes' && event.capacity !== null)
        waitlisted = (await this.rsvps.countGoing(tx, eventId, occurrenceStart)) >= event.capacity;
      const saved = await this.rsvps.save(tx, {
        eventId,
        occurrenceStart,
        userId: actor.userId,
        response,
        waitlisted,
        respondedAt: now,
      });
      await this.rsvpChanged(tx, event, occurrenceStart, actor.userId, response, waitlisted, actor.correlationId);
      if (previous?.response === 'yes' && !previous.waitlisted)
        await this.promote(tx, event, occurrence, actor.correlationId);
      return saved;
    });
    return RsvpDto.from(rsvp, await this.profiles.people([rsvp.userId]));
  }

  async list(actor: Actor, teamId: string, eventId: string, occurrenceStart: Date): Promise<OccurrenceRsvpsDto> {
    const { capacity, rsvps } = await this.transactions.run(async (tx) => {
      await this.access.requireMember(tx, teamId, actor.userId);
      const event = await this.events.find(teamId, eventId, tx);
      if (!event) throw ScheduleErrors.notFound();
      if (!isOriginalStart(event, occurrenceStart)) throw ScheduleErrors.occurrenceNotFound();
      return { capacity: event.capacity, rsvps: await this.rsvps.ofOccurrence(eventId, occurrenceStart, tx) };
    });
    return OccurrenceRsvpsDto.from(capacity, rsvps, await this.profiles.people(rsvps.map((r) => r.userId)));
  }

  /**
   * A member left the roster: their answers to occurrences not started yet are withdrawn (published as
   * "no"), and a place they held goes to the next in line.
   */
  async withdrawDeparted(tx: Tx, teamId: string, userId: string, correlationId: string): Promise<void> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - MAX_OVERRIDE_SHIFT_MS);
    const answers = await this.rsvps.ofMemberSince(tx, teamId, userId, since);
    // Event by event in id order (the rows come sorted), each under its lock, like answers.
    for (const eventId of [...new Set(answers.map((a) => a.eventId))]) {
      const event = await this.events.lock(tx, teamId, eventId);
      if (!event) continue;
      for (const answer of answers.filter((a) => a.eventId === eventId)) {
        const occurrence = occurrenceAt(event, answer.occurrenceStart, overrideOf(event, answer.occurrenceStart));
        if (occurrence.startsAt <= now) continue;
        await this.rsvps.remove(tx, eventId, answer.occurrenceStart, userId);
        await this.rsvpChanged(tx, event, answer.occurrenceStart, userId, 'no', false, correlationId);
        if (answer.response === 'yes' && !answer.waitlisted) await this.promote(tx, event, occurrence, correlationId);
      }
    }
  }

  /** After a capacity change (the event is locked by the caller): waiting members fill the new places. */
  async refill(tx: Tx, event: TeamEvent, correlationId: string): Promise<void> {
    const locked = await this.events.find(event.teamId, event.id, tx);
    if (!locked) return;
    for (const occurrenceStart of await this.rsvps.occurrencesWithWaitlist(tx, event.id)) {
      const occurrence = occurrenceAt(locked, occurrenceStart, overrideOf(locked, occurrenceStart));
      await this.promote(tx, locked, occurrence, correlationId);
    }
  }

  /** Moves the first waiting members into the free places, in the order they answered. */
  private async promote(tx: Tx, event: TeamEvent, occurrence: Occurrence, correlationId: string): Promise<void> {
    const { occurrenceStart } = occurrence;
    const free =
      event.capacity === null
        ? Number.MAX_SAFE_INTEGER
        : event.capacity - (await this.rsvps.countGoing(tx, event.id, occurrenceStart));
    if (free <= 0) return;
    const next = await this.rsvps.nextWaitlisted(tx, event.id, occurrenceStart, Math.min(free, 200));
    for (const rsvp of next) {
      await this.rsvps.promote(tx, event.id, occurrenceStart, rsvp.userId);
      await this.rsvpChanged(tx, event, occurrenceStart, rsvp.userId, 'yes', false, correlationId);
    }
    await this.notifier.promoted(
      tx,
      event,
      occurrence,
      next.map((r) => r.userId),
      correlationId,
    );
  }

  private openOccurrence(event: TeamEventWithOverrides, occurrenceStart: Date): Occurrence {
    if (!isOriginalStart(event, occurrenceStart)) throw ScheduleErrors.occurrenceNotFound();
    const occurrence = occurrenceAt(event, occurrenceStart, overrideOf(event, occurrenceStart));
    if (event.cancelledAt || occurrence.cancelled) throw ScheduleErrors.cancelled();
    return occurrence;
  }

  private rsvpChanged(
    tx: Tx,
    event: TeamEvent,
    occurrenceStart: Date,
    userId: string,
    response: RsvpResponse,
    waitlisted: boolean,
    correlationId: string,
  ): Promise<unknown> {
    return this.publisher.publish(
      tx,
      'team.event.rsvp_changed',
      {
        teamId: event.teamId,
        eventId: event.id,
        occurrenceStart: occurrenceStart.toISOString(),
        userId,
        response,
        waitlisted,
      },
      correlationId,
    );
  }
}
