import type { teamEventSnapshot } from '@prodvor/contracts';
import type { z } from 'zod';

export type Snapshot = z.infer<typeof teamEventSnapshot>;

const DAY = 24 * 3_600_000;

/** 18:00 UTC `days` days from today. */
export function dayAt18(days: number): Date {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(18, 0, 0, 0);
  return d;
}

export const isoWeekday = (d: Date) => ((d.getUTCDay() + 6) % 7) + 1;

/** A team event's state as team-service publishes it: a 90-minute training, by default a single one. */
export function snapshot(startsAt: Date, over: Partial<Snapshot> = {}): Snapshot {
  return {
    kind: 'training',
    title: 'Training',
    venueName: 'Yard 7',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
    timeZone: 'UTC',
    capacity: null,
    rsvpCloseMinutes: 60,
    rule: null,
    overrides: [],
    cancelled: false,
    version: 1,
    ...over,
  };
}

/** Weekly on the start's weekday, `count` times. */
export function weekly(startsAt: Date, count: number, over: Partial<Snapshot> = {}): Snapshot {
  return snapshot(startsAt, {
    rule: { weekdays: [isoWeekday(startsAt)], intervalWeeks: 1, until: null, count, skippedDates: [] },
    ...over,
  });
}
