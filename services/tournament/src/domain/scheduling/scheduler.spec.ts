import fc from 'fast-check';
import { roundRobin } from '../formats/round-robin';
import { type PitchWindow, type ScheduledMatch, type SchedulableFixture, type ScheduleOptions } from './schedule-types';
import { checkReschedule, dailyWindows, rescheduleMatch, scheduleFixtures } from './scheduler';

const options: ScheduleOptions = { matchMinutes: 50, bufferMinutes: 10, minRestMinutes: 60, roundOrder: 'strict' };
const day = '2026-06-06';
const at = (hhmm: string) => `${day}T${hhmm}:00.000Z`;

describe('scheduleFixtures', () => {
  const fixtures = roundRobin(['a', 'b', 'c', 'd']).fixtures;
  const windows = [
    ...dailyWindows('v1', 'p1', [day], '09:00', '18:00'),
    ...dailyWindows('v1', 'p2', [day], '09:00', '18:00'),
  ];

  it('places a 4-team round robin on two pitches, round by round with rest', () => {
    const { scheduled, unscheduled } = scheduleFixtures(fixtures, windows, options);
    expect(unscheduled).toEqual([]);
    expect(scheduled.map((s) => [s.fixtureId, s.pitchId, s.start.slice(11, 16)])).toEqual([
      ['R1-M1', 'p1', '09:00'],
      ['R1-M2', 'p2', '09:00'],
      // 09:50 end + 60 rest → the 11:00 slot; strict round order is already satisfied.
      ['R2-M1', 'p1', '11:00'],
      ['R2-M2', 'p2', '11:00'],
      ['R3-M1', 'p1', '13:00'],
      ['R3-M2', 'p2', '13:00'],
    ]);
  });

  it('reports fixtures that do not fit', () => {
    const tight = dailyWindows('v1', 'p1', [day], '09:00', '11:00');
    const { scheduled, unscheduled } = scheduleFixtures(fixtures, tight, options);
    expect(scheduled).toHaveLength(2);
    expect(unscheduled.map((u) => u.reason)).toEqual(['NO_CAPACITY', 'NO_CAPACITY', 'NO_CAPACITY', 'NO_CAPACITY']);
  });

  it('waits for the matches a knockout fixture depends on, and skips it if they are unscheduled', () => {
    const ko: SchedulableFixture[] = [
      { id: 'SF1', round: 1, homeTeamId: 'a', awayTeamId: 'b' },
      { id: 'SF2', round: 1, homeTeamId: 'c', awayTeamId: 'd' },
      { id: 'F', round: 2, dependsOn: ['SF1', 'SF2'] },
    ];
    const { scheduled } = scheduleFixtures(ko, windows, { ...options, roundOrder: 'free' });
    expect(scheduled.find((s) => s.fixtureId === 'F')!.start).toBe(at('11:00'));
    const none = scheduleFixtures(ko, dailyWindows('v1', 'p1', [day], '09:00', '10:00'), options);
    expect(none.unscheduled).toEqual([
      { fixtureId: 'SF2', reason: 'NO_CAPACITY' },
      { fixtureId: 'F', reason: 'DEPENDENCY_UNSCHEDULED' },
    ]);
  });

  describe('rescheduling', () => {
    const { scheduled } = scheduleFixtures(fixtures, windows, options);
    const move = (fixtureId: string, pitchId: string, hhmm: string) =>
      checkReschedule(fixtures, scheduled, windows, options, { fixtureId, pitchId, start: at(hhmm) });

    it('refuses with a clear reason', () => {
      expect(move('R3-M1', 'p1', '08:30')).toMatchObject({ ok: false, reason: 'OUTSIDE_WINDOW' });
      expect(move('R3-M1', 'p1', '17:30')).toMatchObject({ ok: false, reason: 'OUTSIDE_WINDOW' });
      expect(move('R3-M1', 'p1', '11:30')).toMatchObject({
        ok: false,
        reason: 'PITCH_BUSY',
        conflictingFixtureId: 'R2-M1',
      });
      // R2-M1 and R3-M1 share a team (circle method: the fixed team plays every round).
      const shared = fixtures.find((f) => f.id === 'R2-M1')!;
      const r3 = fixtures.find((f) => f.id === 'R3-M1')!;
      expect([shared.homeTeamId, shared.awayTeamId].some((t) => t === r3.homeTeamId || t === r3.awayTeamId)).toBe(true);
      const sched2 = scheduled.map((s) =>
        s.fixtureId === 'R2-M2' ? { ...s, start: at('15:00'), end: at('15:50') } : s,
      );
      const check = (hhmm: string) =>
        checkReschedule(
          fixtures,
          sched2,
          windows,
          { ...options, roundOrder: 'free' },
          { fixtureId: 'R3-M1', pitchId: 'p2', start: at(hhmm) },
        );
      expect(check('11:20')).toMatchObject({ ok: false, reason: 'TEAM_BUSY', conflictingFixtureId: 'R2-M1' });
      expect(check('11:55')).toMatchObject({ ok: false, reason: 'REST_TOO_SHORT', conflictingFixtureId: 'R2-M1' });
      expect(move('R3-M1', 'p1', '15:00')).toEqual({ ok: true });
      expect(move('R1-M1', 'p1', '15:00')).toMatchObject({ ok: false, reason: 'ROUND_ORDER' });
      expect(move('nope', 'p1', '15:00')).toMatchObject({ ok: false, reason: 'UNKNOWN_FIXTURE' });
    });

    it('applies an allowed move and leaves the rest alone', () => {
      const result = rescheduleMatch(fixtures, scheduled, windows, options, {
        fixtureId: 'R3-M1',
        pitchId: 'p1',
        start: at('15:00'),
      });
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.scheduled.find((s) => s.fixtureId === 'R3-M1')).toMatchObject({
          start: at('15:00'),
          end: at('15:50'),
        });
        expect(result.scheduled).toHaveLength(scheduled.length);
      }
    });
  });
});

describe('scheduler properties', () => {
  function assertValid(
    fixtures: SchedulableFixture[],
    scheduled: ScheduledMatch[],
    windows: PitchWindow[],
    opts: ScheduleOptions,
  ) {
    const byId = new Map(fixtures.map((f) => [f.id, f]));
    const ms = (s: string) => Date.parse(s);
    const buffer = opts.bufferMinutes * 60_000;
    const rest = opts.minRestMinutes * 60_000;
    for (const s of scheduled) {
      expect(windows.some((w) => w.pitchId === s.pitchId && ms(w.start) <= ms(s.start) && ms(s.end) <= ms(w.end))).toBe(
        true,
      );
    }
    for (let i = 0; i < scheduled.length; i++) {
      for (let j = i + 1; j < scheduled.length; j++) {
        const [a, b] = [scheduled[i], scheduled[j]];
        if (a.pitchId === b.pitchId)
          expect(ms(a.start) >= ms(b.end) + buffer || ms(b.start) >= ms(a.end) + buffer).toBe(true);
        const [fa, fb] = [byId.get(a.fixtureId)!, byId.get(b.fixtureId)!];
        const shared = [fa.homeTeamId, fa.awayTeamId].some((t) => t === fb.homeTeamId || t === fb.awayTeamId);
        if (shared) expect(ms(a.start) >= ms(b.end) + rest || ms(b.start) >= ms(a.end) + rest).toBe(true);
        if (opts.roundOrder === 'strict' && fa.round < fb.round) expect(ms(b.start)).toBeGreaterThanOrEqual(ms(a.end));
        if (opts.roundOrder === 'strict' && fb.round < fa.round) expect(ms(a.start)).toBeGreaterThanOrEqual(ms(b.end));
      }
    }
  }

  const input = fc.record({
    teams: fc.integer({ min: 2, max: 12 }),
    double: fc.boolean(),
    pitches: fc.integer({ min: 1, max: 4 }),
    days: fc.integer({ min: 1, max: 3 }),
    openHour: fc.integer({ min: 8, max: 12 }),
    hours: fc.integer({ min: 2, max: 10 }),
    matchMinutes: fc.integer({ min: 20, max: 90 }),
    bufferMinutes: fc.integer({ min: 0, max: 30 }),
    minRestMinutes: fc.integer({ min: 0, max: 240 }),
    strict: fc.boolean(),
  });

  it('never double-books a team or a pitch, respects rest, windows and rounds; accounts for every fixture', () => {
    fc.assert(
      fc.property(input, (p) => {
        const fixtures = roundRobin(
          Array.from({ length: p.teams }, (_, i) => `t${i}`),
          { double: p.double },
        ).fixtures;
        const dates = Array.from({ length: p.days }, (_, d) => `2026-06-0${d + 1}`);
        const hh = (h: number) => String(h).padStart(2, '0') + ':00';
        const windows = Array.from({ length: p.pitches }, (_, k) =>
          dailyWindows('v', `p${k}`, dates, hh(p.openHour), hh(p.openHour + p.hours)),
        ).flat();
        const opts: ScheduleOptions = { ...p, roundOrder: p.strict ? 'strict' : 'free' };
        const { scheduled, unscheduled } = scheduleFixtures(fixtures, windows, opts);
        expect(scheduled.length + unscheduled.length).toBe(fixtures.length);
        assertValid(fixtures, scheduled, windows, opts);
      }),
      { numRuns: 150 },
    );
  });

  it('an accepted reschedule keeps every rule', () => {
    fc.assert(
      fc.property(input, fc.nat(), fc.integer({ min: 0, max: 47 }), fc.nat(), (p, which, slot, pitch) => {
        const fixtures = roundRobin(Array.from({ length: p.teams }, (_, i) => `t${i}`)).fixtures;
        const windows = Array.from({ length: p.pitches }, (_, k) =>
          dailyWindows('v', `p${k}`, ['2026-06-01'], '08:00', '20:00'),
        ).flat();
        const opts: ScheduleOptions = { ...p, roundOrder: p.strict ? 'strict' : 'free' };
        const { scheduled } = scheduleFixtures(fixtures, windows, opts);
        fc.pre(scheduled.length > 0);
        const target = scheduled[which % scheduled.length];
        const start = new Date(Date.parse('2026-06-01T08:00:00Z') + slot * 15 * 60_000).toISOString();
        const result = rescheduleMatch(fixtures, scheduled, windows, opts, {
          fixtureId: target.fixtureId,
          pitchId: `p${pitch % p.pitches}`,
          start,
        });
        if (result.ok) assertValid(fixtures, result.scheduled, windows, opts);
        else
          expect(['TEAM_BUSY', 'PITCH_BUSY', 'REST_TOO_SHORT', 'OUTSIDE_WINDOW', 'ROUND_ORDER']).toContain(
            result.reason,
          );
      }),
      { numRuns: 200 },
    );
  });
});
