import fc from 'fast-check';
import { doubleElimination } from '../formats/double-elimination';
import { singleElimination } from '../formats/single-elimination';
import { bracketSchedulables } from './bracket-schedulables';
import { dailyWindows, scheduleFixtures } from './scheduler';

describe('bracketSchedulables', () => {
  it('skips walkovers and waits for the real matches behind them', () => {
    const fixtures = bracketSchedulables(singleElimination(['s1', 's2', 's3', 's4', 's5', 's6'], { thirdPlace: true }));
    expect(fixtures.map((f) => [f.id, f.round, f.dependsOn])).toEqual([
      ['K1-2', 1, []],
      ['K1-4', 1, []],
      ['K2-1', 2, ['K1-2']],
      ['K2-2', 2, ['K1-4']],
      ['K3-1', 3, ['K2-1', 'K2-2']],
      ['P3', 3, ['K2-1', 'K2-2']],
    ]);
    expect(fixtures.find((f) => f.id === 'K2-1')).toMatchObject({ homeTeamId: 's1', awayTeamId: null });
  });

  it('property: a double-elimination bracket schedules every real match after the ones it waits for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), (n) => {
        const fixtures = bracketSchedulables(doubleElimination(Array.from({ length: n }, (_, i) => `s${i + 1}`)));
        const windows = ['p1', 'p2', 'p3'].flatMap((p) =>
          dailyWindows('v', p, ['2026-07-01', '2026-07-02', '2026-07-03'], '08:00', '22:00'),
        );
        const options = { matchMinutes: 30, bufferMinutes: 5, minRestMinutes: 30, roundOrder: 'free' as const };
        const { scheduled, unscheduled } = scheduleFixtures(fixtures, windows, options);
        expect(unscheduled).toEqual([]);
        const at = new Map(scheduled.map((s) => [s.fixtureId, s]));
        for (const f of fixtures) {
          for (const d of f.dependsOn ?? []) {
            expect(Date.parse(at.get(f.id)!.start)).toBeGreaterThanOrEqual(Date.parse(at.get(d)!.end) + 30 * 60_000);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
