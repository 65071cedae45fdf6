import { DateTime, IANAZone } from 'luxon';
import type { Occurrence, OccurrenceOverride, TeamEvent, TeamEventWithOverrides, WeeklyRule } from './team-event.model';

/** However open-ended a rule, expansion stops this many weeks after the first occurrence. */
export const MAX_SERIES_WEEKS = 520;
/** An override may move an occurrence at most this far from its original start. */
export const MAX_OVERRIDE_SHIFT_MS = 7 * 24 * 3600_000;

export type SeriesTimes = Pick<TeamEvent, 'startsAt' | 'endsAt' | 'timeZone' | 'rule'>;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
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

/** The last original start of a bounded series (null for an open-ended one). */
export function lastOriginalStart(series: SeriesTimes): Date | null {
  if (series.rule && series.rule.until === null && series.rule.count === null) return null;
  let last: Date | null = null;
  for (const start of originalStarts(series)) last = start;
  return last;
}

export function ruleOf(rule: WeeklyRule | null): WeeklyRule | null {
  return rule && rule.weekdays.length > 0 ? rule : null;
}

export function overrideOf(event: TeamEventWithOverrides, occurrenceStart: Date): OccurrenceOverride | undefined {
  return event.overrides.find((o) => o.occurrenceStart.getTime() === occurrenceStart.getTime());
}
