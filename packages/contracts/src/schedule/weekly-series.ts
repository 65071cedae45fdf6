import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { teamEventWeeklyRule } from '../events/team.events';

/**
 * How a team event's weekly series expands into occurrences. It lives beside the snapshot schema
 * (`teamEventSnapshot`) because a consumer must read a rule exactly as team-service wrote it.
 */
export type WeeklyRule = z.infer<typeof teamEventWeeklyRule>;

/** One occurrence moved or cancelled, named by its original start. */
export interface OccurrenceOverride {
  occurrenceStart: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  cancelled: boolean;
}

export interface Occurrence {
  eventId: string;
  /** The original start: the occurrence's identity, unchanged when it is moved. */
  occurrenceStart: Date;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  moved: boolean;
}

/** However open-ended a rule, expansion stops this many weeks after the first occurrence. */
export const MAX_SERIES_WEEKS = 520;
/** An override may move an occurrence at most this far from its original start. */
export const MAX_OVERRIDE_SHIFT_MS = 7 * 24 * 3600_000;

export interface SeriesTimes {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  rule: WeeklyRule | null;
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

export function isoWeekday(at: Date, zone: string): number {
  return DateTime.fromJSDate(at, { zone }).weekday;
}

/**
 * Original starts of the series in order: the rule expanded in the event's time zone, so an
 * occurrence keeps its wall-clock time across DST changes (a non-existent local time moves forward,
 * as RFC 5545 says). Skipped dates are left out but still count towards `count`.
 */
export function* originalStarts(series: SeriesTimes): Generator<Date> {
  const rule = series.rule;
  if (!rule) {
    yield series.startsAt;
    return;
  }
  const start = DateTime.fromJSDate(series.startsAt, { zone: series.timeZone });
  const weekdays = [...new Set(rule.weekdays)].sort((a, b) => a - b);
  const skipped = new Set(rule.skippedDates);
  const firstMonday = start.startOf('week');
  let produced = 0;
  for (let week = 0; week <= MAX_SERIES_WEEKS; week += rule.intervalWeeks) {
    const monday = firstMonday.plus({ weeks: week });
    for (const weekday of weekdays) {
      const day = monday.plus({ days: weekday - 1 });
      const local = DateTime.fromObject(
        {
          year: day.year,
          month: day.month,
          day: day.day,
          hour: start.hour,
          minute: start.minute,
          second: start.second,
          millisecond: start.millisecond,
        },
        { zone: series.timeZone },
      );
      if (local < start) continue;
      const date = day.toISODate()!;
      if (rule.until && date > rule.until) return;
      produced += 1;
      if (rule.count !== null && produced > rule.count) return;
      if (!skipped.has(date)) yield local.toJSDate();
    }
  }
}

/** Whether `at` is an original start of the series (a valid occurrence id). */
export function isOriginalStart(series: SeriesTimes, at: Date): boolean {
  for (const start of originalStarts(series)) {
    if (start.getTime() === at.getTime()) return true;
    if (start.getTime() > at.getTime()) return false;
  }
  return false;
}

/** The occurrence an original start names, with its override applied. */
export function occurrenceAt(
  series: SeriesTimes & { id: string },
  occurrenceStart: Date,
  override: OccurrenceOverride | undefined,
): Occurrence {
  const duration = series.endsAt.getTime() - series.startsAt.getTime();
  return {
    eventId: series.id,
    occurrenceStart,
    startsAt: override?.startsAt ?? occurrenceStart,
    endsAt: override?.endsAt ?? new Date(occurrenceStart.getTime() + duration),
    cancelled: override?.cancelled ?? false,
    moved: !!override && (override.startsAt !== null || override.endsAt !== null),
  };
}

/**
 * Occurrences that overlap [from, to), overrides applied, ordered by start. Originals are expanded
 * with a margin of the largest shift an override may make, so a moved occurrence is not missed.
 */
export function occurrencesBetween(
  series: SeriesTimes & { id: string },
  overrides: OccurrenceOverride[],
  from: Date,
  to: Date,
): Occurrence[] {
  const byStart = new Map(overrides.map((o) => [o.occurrenceStart.getTime(), o]));
  const duration = series.endsAt.getTime() - series.startsAt.getTime();
  const lower = from.getTime() - MAX_OVERRIDE_SHIFT_MS - duration;
  const upper = to.getTime() + MAX_OVERRIDE_SHIFT_MS;
  const found: Occurrence[] = [];
  for (const start of originalStarts(series)) {
    if (start.getTime() >= upper) break;
    if (start.getTime() < lower) continue;
    const occurrence = occurrenceAt(series, start, byStart.get(start.getTime()));
    if (occurrence.startsAt < to && occurrence.endsAt > from) found.push(occurrence);
  }
  return found.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
