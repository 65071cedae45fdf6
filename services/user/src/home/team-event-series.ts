import {
  MAX_OVERRIDE_SHIFT_MS,
  occurrencesBetween,
  originalStarts,
  type Occurrence,
  type teamEventSnapshot,
} from '@prodvor/contracts';
import type { z } from 'zod';
import type { HomeTeamEvent } from './home.model';

type Snapshot = z.infer<typeof teamEventSnapshot>;

/** A snapshot as the home view keeps it, with how far in time the series reaches. */
export function teamEventState(teamId: string, eventId: string, s: Snapshot): HomeTeamEvent {
  const startsAt = new Date(s.startsAt);
  const endsAt = new Date(s.endsAt);
  let last = startsAt;
  for (const start of originalStarts({ startsAt, endsAt, timeZone: s.timeZone, rule: s.rule })) last = start;
  const seriesEndsAt = new Date(last.getTime() + (endsAt.getTime() - startsAt.getTime()) + MAX_OVERRIDE_SHIFT_MS);
  return {
    eventId,
    teamId,
    version: s.version,
    kind: s.kind,
    title: s.title,
    venueName: s.venueName,
    startsAt,
    endsAt,
    timeZone: s.timeZone,
    capacity: s.capacity,
    rsvpCloseMinutes: s.rsvpCloseMinutes,
    rule: s.rule,
    overrides: s.overrides.map((o) => ({
      occurrenceStart: new Date(o.occurrenceStart),
      startsAt: o.startsAt === null ? null : new Date(o.startsAt),
      endsAt: o.endsAt === null ? null : new Date(o.endsAt),
      cancelled: o.cancelled,
    })),
    cancelled: s.cancelled,
    seriesEndsAt,
  };
}

/** Occurrences of a stored event overlapping [from, to) that are not cancelled, with the contracts' expansion. */
export function activeOccurrences(event: HomeTeamEvent, from: Date, to: Date): Occurrence[] {
  const series = {
    id: event.eventId,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    rule: event.rule,
  };
  return occurrencesBetween(series, event.overrides, from, to).filter((o) => !o.cancelled);
}
