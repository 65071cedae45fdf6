import type { TeamEventSnapshot } from '@prodvor/contracts';
import type { TeamEventWithOverrides } from './team-event.model';

/**
 * An event's whole state as `team.event.*` carries it, read from the row after the change so its
 * `version` is the row's: a consumer keeps the snapshot with the highest version it has seen.
 */
export function snapshotOf(event: TeamEventWithOverrides): TeamEventSnapshot {
  return {
    kind: event.kind,
    title: event.title,
    venueName: event.venueName,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
    capacity: event.capacity,
    rsvpCloseMinutes: event.rsvpCloseMinutes,
    rule: event.rule
      ? {
          weekdays: event.rule.weekdays,
          intervalWeeks: event.rule.intervalWeeks,
          until: event.rule.until,
          count: event.rule.count,
          skippedDates: event.rule.skippedDates,
        }
      : null,
    overrides: [...event.overrides]
      .sort((a, b) => a.occurrenceStart.getTime() - b.occurrenceStart.getTime())
      .map((o) => ({
        occurrenceStart: o.occurrenceStart.toISOString(),
        startsAt: o.startsAt?.toISOString() ?? null,
        endsAt: o.endsAt?.toISOString() ?? null,
        cancelled: o.cancelled,
      })),
    cancelled: event.cancelledAt !== null,
    version: event.version,
  };
}
