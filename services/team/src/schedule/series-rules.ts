import { isoWeekday, localDate } from '@prodvor/contracts';
import { ScheduleErrors } from './schedule.errors';
import type { WeeklyRule } from './team-event.model';
import type { WeeklyRuleDto } from './dto/team-event-input.dto';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** An occurrence lasts at most this long. */
export const MAX_DURATION_MS = DAY;
/** Events are planned at most this far ahead, and a series ends at most this long after it starts. */
export const MAX_AHEAD_MS = 2 * 366 * DAY;
/** Occurrences of one event that may be moved or cancelled one by one (the `team.event.*` snapshot's bound). */
export const MAX_OVERRIDES = 1000;

export interface SeriesInput {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  rule: WeeklyRule | null;
}

export function ruleFrom(dto: WeeklyRuleDto | undefined | null): WeeklyRule | null {
  if (!dto) return null;
  return {
    weekdays: [...new Set(dto.weekdays)].sort((a, b) => a - b),
    intervalWeeks: dto.intervalWeeks ?? 1,
    until: dto.until ?? null,
    count: dto.count ?? null,
    skippedDates: [...new Set(dto.skippedDates ?? [])].sort(),
  };
}

/** The rules the DTO cannot check alone: times in order, a sane horizon, a rule that contains its start. */
export function checkSeries(series: SeriesInput, now: Date): void {
  const duration = series.endsAt.getTime() - series.startsAt.getTime();
  if (duration <= 0) throw ScheduleErrors.invalidTimes('endsAt must be after startsAt');
  if (duration > MAX_DURATION_MS) throw ScheduleErrors.invalidTimes('An occurrence lasts at most 24 hours');
  if (series.startsAt.getTime() > now.getTime() + MAX_AHEAD_MS)
    throw ScheduleErrors.invalidTimes('Events are planned at most two years ahead');
  const rule = series.rule;
  if (!rule) return;
  if (!rule.weekdays.includes(isoWeekday(series.startsAt, series.timeZone)))
    throw ScheduleErrors.invalidRule('The first occurrence (startsAt) must fall on one of the weekdays');
  if (rule.until) {
    const first = localDate(series.startsAt, series.timeZone);
    if (rule.until < first) throw ScheduleErrors.invalidRule('until is before the first occurrence');
    const last = localDate(new Date(series.startsAt.getTime() + MAX_AHEAD_MS), series.timeZone);
    if (rule.until > last) throw ScheduleErrors.invalidRule('A series ends at most two years after it starts');
  }
}
