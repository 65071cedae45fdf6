import { occurrenceAt, originalStarts } from '@prodvor/contracts';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner';
import { overrideOf } from '../recurrence';
import type { Occurrence, TeamEvent, TeamEventWithOverrides } from '../team-event.model';
import { reminderJob } from './reminder.job';
import { ReminderPublisher } from './reminder.publisher';

/** Occurrences looked at to find the next one to remind of. */
const LOOKAHEAD = 1_000;

/**
 * One reminder job in flight per event and version: the next occurrence (after `after`) that is not
 * cancelled. It is queued in the transaction of the change (job outbox); the consumer schedules the
 * one after it in the transaction that sends a reminder, and every change of the event's times bumps
 * its version and schedules afresh, which makes the older job stale.
 */
@Injectable()
export class ReminderScheduler {
  constructor(private readonly publisher: ReminderPublisher) {}

  async scheduleNext(
    tx: Tx,
    event: TeamEvent | TeamEventWithOverrides,
    after: Date,
    now: Date,
    correlationId: string,
  ): Promise<void> {
    if (event.reminderMinutes === null || event.cancelledAt) return;
    const next = nextOccurrence(event, after);
    if (!next) return;
    const dueAt = new Date(Math.max(after.getTime(), next.startsAt.getTime() - event.reminderMinutes * 60_000));
    const job = reminderJob(
      {
        eventId: event.id,
        teamId: event.teamId,
        occurrenceStart: next.occurrenceStart.toISOString(),
        version: event.version,
        dueAt: dueAt.toISOString(),
      },
      correlationId,
      now,
    );
    await this.publisher.schedule(tx, job, now);
  }
}

/** The first occurrence starting after `after` that is not cancelled. */
export function nextOccurrence(event: TeamEvent | TeamEventWithOverrides, after: Date): Occurrence | null {
  const overrides = 'overrides' in event ? event : { ...event, overrides: [] };
  let seen = 0;
  for (const start of originalStarts(event)) {
    if ((seen += 1) > LOOKAHEAD) return null;
    const occurrence = occurrenceAt(event, start, overrideOf(overrides, start));
    if (occurrence.startsAt > after && !occurrence.cancelled) return occurrence;
  }
  return null;
}
