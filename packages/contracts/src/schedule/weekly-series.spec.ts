import { isOriginalStart, occurrencesBetween, originalStarts, type WeeklyRule } from './weekly-series';

const rule = (over: Partial<WeeklyRule>): WeeklyRule => ({
  weekdays: [2],
  intervalWeeks: 1,
  until: null,
  count: null,
  skippedDates: [],
  ...over,
});
const take = (iterable: Iterable<Date>, n: number) => {
  const out: string[] = [];
  for (const d of iterable) {
    out.push(d.toISOString());
    if (out.length === n) break;
  }
  return out;
};

describe('weekly recurrence', () => {
  it('keeps the wall-clock time across the autumn DST change (Europe/Berlin)', () => {
    // Tuesday 20 Oct 2026 19:00 CEST (UTC+2); clocks go back on Sunday 25 Oct.
    const series = {
      startsAt: new Date('2026-10-20T17:00:00Z'),
      endsAt: new Date('2026-10-20T18:30:00Z'),
      timeZone: 'Europe/Berlin',
      rule: rule({ weekdays: [2], count: 3 }),
    };
    expect(take(originalStarts(series), 10)).toEqual([
      '2026-10-20T17:00:00.000Z',
      '2026-10-27T18:00:00.000Z',
      '2026-11-03T18:00:00.000Z',
    ]);
  });

  it('keeps it across the spring change (America/New_York) and moves a non-existent local time forward', () => {
    const ny = {
      startsAt: new Date('2027-03-07T14:00:00Z'), // Sunday 09:00 EST
      endsAt: new Date('2027-03-07T15:00:00Z'),
      timeZone: 'America/New_York',
      rule: rule({ weekdays: [7], count: 2 }),
    };
    expect(take(originalStarts(ny), 5)).toEqual(['2027-03-07T14:00:00.000Z', '2027-03-14T13:00:00.000Z']);
    const gap = {
      startsAt: new Date('2027-03-21T01:30:00Z'), // Sunday 02:30 CET; on 28 Mar 02:30 does not exist
      endsAt: new Date('2027-03-21T02:30:00Z'),
      timeZone: 'Europe/Berlin',
      rule: rule({ weekdays: [7], count: 2 }),
    };
    expect(take(originalStarts(gap), 5)).toEqual(['2027-03-21T01:30:00.000Z', '2027-03-28T01:30:00.000Z']);
  });

  it('honours several weekdays, an interval, until, and skipped dates that still count', () => {
    const series = {
      startsAt: new Date('2026-12-01T15:00:00Z'), // Tuesday 18:00 Moscow
      endsAt: new Date('2026-12-01T16:30:00Z'),
      timeZone: 'Europe/Moscow',
      rule: rule({ weekdays: [4, 2], intervalWeeks: 2, until: '2026-12-17', skippedDates: ['2026-12-03'] }),
    };
    expect(take(originalStarts(series), 10)).toEqual([
      '2026-12-01T15:00:00.000Z',
      '2026-12-15T15:00:00.000Z',
      '2026-12-17T15:00:00.000Z',
    ]);
    const counted = { ...series, rule: rule({ weekdays: [2, 4], count: 3, skippedDates: ['2026-12-03'] }) };
    expect(take(originalStarts(counted), 10)).toEqual(['2026-12-01T15:00:00.000Z', '2026-12-08T15:00:00.000Z']);
    expect(isOriginalStart(series, new Date('2026-12-15T15:00:00Z'))).toBe(true);
    expect(isOriginalStart(series, new Date('2026-12-03T15:00:00Z'))).toBe(false);
  });

  it('lists a window with overrides applied: a moved occurrence is found where it went', () => {
    const series = {
      id: '00000000-0000-4000-8000-000000000001',
      startsAt: new Date('2026-12-01T15:00:00Z'),
      endsAt: new Date('2026-12-01T16:00:00Z'),
      timeZone: 'UTC',
      rule: rule({ weekdays: [2] }),
    };
    const moved = {
      eventId: series.id,
      occurrenceStart: new Date('2026-12-08T15:00:00Z'),
      startsAt: new Date('2026-12-10T15:00:00Z'),
      endsAt: new Date('2026-12-10T16:00:00Z'),
      cancelled: false,
    };
    const found = occurrencesBetween(
      series,
      [moved],
      new Date('2026-12-09T00:00:00Z'),
      new Date('2026-12-16T00:00:00Z'),
    );
    expect(found.map((o) => [o.occurrenceStart.toISOString(), o.startsAt.toISOString(), o.moved])).toEqual([
      ['2026-12-08T15:00:00.000Z', '2026-12-10T15:00:00.000Z', true],
      ['2026-12-15T15:00:00.000Z', '2026-12-15T15:00:00.000Z', false],
    ]);
  });

  it('stops an open-ended series after ten years', () => {
    const series = {
      startsAt: new Date('2026-12-01T15:00:00Z'),
      endsAt: new Date('2026-12-01T16:00:00Z'),
      timeZone: 'UTC',
      rule: rule({ weekdays: [2] }),
    };
    expect([...originalStarts(series)].length).toBe(521);
  });
});
