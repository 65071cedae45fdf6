import type { TeamEvent } from '../team-event.model';
import { waitStepFor } from './reminder.job';
import { nextOccurrence } from './reminder.scheduler';

const event = (over: Partial<TeamEvent> = {}): TeamEvent & { overrides: [] } => ({
  id: '00000000-0000-4000-8000-000000000001',
  teamId: '00000000-0000-4000-8000-000000000002',
  kind: 'training',
  title: 'Training',
  venueName: null,
  venueAddress: null,
  notes: null,
  startsAt: new Date('2026-12-01T16:00:00Z'),
  endsAt: new Date('2026-12-01T17:30:00Z'),
  timeZone: 'Europe/Moscow',
  capacity: null,
  rsvpCloseMinutes: 0,
  reminderMinutes: 120,
  rule: { weekdays: [2], intervalWeeks: 1, until: null, count: 3, skippedDates: [] },
  createdBy: '00000000-0000-4000-8000-000000000003',
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
  cancelledAt: null,
  version: 1,
  overrides: [],
  ...over,
});

describe('reminder scheduling', () => {
  it('waits in the longest delay step that does not overshoot, at least the shortest', () => {
    expect(waitStepFor(-5)).toBe(1_000);
    expect(waitStepFor(2_500)).toBe(1_000);
    expect(waitStepFor(59_999)).toBe(10_000);
    expect(waitStepFor(3 * 24 * 3600_000)).toBe(21_600_000);
  });

  it('picks the next occurrence after a time, skipping cancelled ones and ending with the series', () => {
    const series = event();
    expect(nextOccurrence(series, new Date('2026-11-30T00:00:00Z'))?.startsAt.toISOString()).toBe(
      '2026-12-01T16:00:00.000Z',
    );
    const cancelledSecond = {
      ...series,
      overrides: [
        {
          eventId: series.id,
          occurrenceStart: new Date('2026-12-08T16:00:00Z'),
          startsAt: null,
          endsAt: null,
          cancelled: true,
        },
      ],
    };
    expect(nextOccurrence(cancelledSecond, new Date('2026-12-01T16:00:00Z'))?.startsAt.toISOString()).toBe(
      '2026-12-15T16:00:00.000Z',
    );
    expect(nextOccurrence(series, new Date('2026-12-15T16:00:00Z'))).toBeNull();
  });
});
