import { Injectable, Logger } from '@nestjs/common';
import { occurrenceAt, originalStarts, overrideOf } from '../recurrence';
import type { Occurrence, TeamEvent, TeamEventWithOverrides } from '../team-event.model';
import { ReminderPublisher } from './reminder.publisher';

/** Occurrences looked at to find the next one to remind of. */
const LOOKAHEAD = 1_000;

/**
 * One reminder job in flight per event and version: the next occurrence (after `after`) that is not
 * cancelled. The consumer schedules the one after it when it has sent a reminder, and every change of
 * the event's times bumps its version and schedules afresh, which makes the older job stale.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger('ReminderScheduler');

  constructor(private readonly publisher: ReminderPublisher) {}

  async scheduleNext(event: TeamEvent | TeamEventWithOverrides, after: Date, correlationId: string): Promise<void> {
    if (event.reminderMinutes === null || event.cancelledAt) return;
    const next = nextOccurrence(event, after);
    if (!next) return;
    const dueAt = new Date(Math.max(after.getTime(), next.startsAt.getTime() - event.reminderMinutes * 60_000));
    try {
      await this.publisher.wait(
        {
          eventId: event.id,
          teamId: event.teamId,
          occurrenceStart: next.occurrenceStart.toISOString(),
          version: event.version,
          dueAt: dueAt.toISOString(),
          correlationId,
        },
        after,
      );
    } catch (error) {
      // The change is committed; a broker outage costs this reminder, never the request.
      this.logger.error({ eventId: event.id, reason: (error as Error).message }, 'reminder not scheduled');
    }
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
