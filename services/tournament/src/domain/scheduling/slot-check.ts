import {
  MINUTE,
  type PitchWindow,
  type SchedulableFixture,
  type ScheduledMatch,
  type ScheduleOptions,
  type SlotCheck,
} from './schedule-types';

interface Booking {
  fixture: SchedulableFixture;
  pitchId: string;
  start: number;
  end: number;
}

/**
 * Checks whether `fixture` may kick off on `pitchId` at `start` (epoch ms), given the other
 * bookings. The first failing rule is reported, in this order: window, pitch, team overlap, rest,
 * round order / dependencies.
 */
export function checkBooking(
  fixture: SchedulableFixture,
  pitchId: string,
  start: number,
  others: readonly Booking[],
  windows: readonly { pitchId: string; start: number; end: number }[],
  options: ScheduleOptions,
): SlotCheck {
  const duration = options.matchMinutes * MINUTE;
  const buffer = options.bufferMinutes * MINUTE;
  const rest = options.minRestMinutes * MINUTE;
  const end = start + duration;
  if (!windows.some((w) => w.pitchId === pitchId && w.start <= start && end <= w.end)) {
    return { ok: false, reason: 'OUTSIDE_WINDOW', detail: `pitch ${pitchId} has no window for the whole match` };
  }
  for (const o of others) {
    if (o.pitchId === pitchId && start < o.end + buffer && o.start < end + buffer) {
      return refusal('PITCH_BUSY', o, `pitch ${pitchId} is in use by ${o.fixture.id}`);
    }
  }
  const teams = teamsOf(fixture);
  const sharing = others.filter((o) => teamsOf(o.fixture).some((t) => teams.includes(t)));
  for (const o of sharing) {
    if (start < o.end && o.start < end) return refusal('TEAM_BUSY', o, `a team already plays ${o.fixture.id} then`);
  }
  for (const o of sharing) {
    if (start < o.end + rest && o.start < end + rest) {
      return refusal('REST_TOO_SHORT', o, `less than ${options.minRestMinutes} min rest around ${o.fixture.id}`);
    }
  }
  for (const o of others) {
    const before = mustPrecede(o.fixture, fixture, options);
    const after = mustPrecede(fixture, o.fixture, options);
    const gap = (f: SchedulableFixture, g: SchedulableFixture) => (g.dependsOn?.includes(f.id) ? rest : 0);
    if ((before && start < o.end + gap(o.fixture, fixture)) || (after && o.start < end + gap(fixture, o.fixture))) {
      return refusal('ROUND_ORDER', o, `order of rounds / results with ${o.fixture.id} would be broken`);
    }
  }
  return { ok: true };
}

function mustPrecede(first: SchedulableFixture, second: SchedulableFixture, options: ScheduleOptions): boolean {
  return (
    (options.roundOrder === 'strict' && first.round < second.round) || (second.dependsOn?.includes(first.id) ?? false)
  );
}

function refusal(
  reason: 'PITCH_BUSY' | 'TEAM_BUSY' | 'REST_TOO_SHORT' | 'ROUND_ORDER',
  o: Booking,
  detail: string,
): SlotCheck {
  return { ok: false, reason, conflictingFixtureId: o.fixture.id, detail };
}

export function teamsOf(fixture: SchedulableFixture): string[] {
  return [fixture.homeTeamId, fixture.awayTeamId].filter((t): t is string => typeof t === 'string');
}

export function toBookings(
  scheduled: readonly ScheduledMatch[],
  fixtures: ReadonlyMap<string, SchedulableFixture>,
): Booking[] {
  return scheduled.map((s) => ({
    fixture: fixtures.get(s.fixtureId)!,
    pitchId: s.pitchId,
    start: Date.parse(s.start),
    end: Date.parse(s.end),
  }));
}

export function parseWindows(windows: readonly PitchWindow[]) {
  return windows.map((w) => ({ ...w, start: Date.parse(w.start), end: Date.parse(w.end) }));
}

export type { Booking };
