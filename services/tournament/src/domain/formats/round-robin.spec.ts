import fc from 'fast-check';
import { roundRobin } from './round-robin';

const teams = (n: number) => Array.from({ length: n }, (_, i) => `t${i + 1}`);

describe('roundRobin', () => {
  it('pairs 4 teams in 3 rounds of 2 matches with no bye', () => {
    const { rounds, fixtures, byes } = roundRobin(teams(4));
    expect(rounds).toBe(3);
    expect(fixtures).toHaveLength(6);
    expect(byes).toEqual([]);
    expect(fixtures[0]).toMatchObject({ id: 'R1-M1', stage: 'league', round: 1 });
  });

  it('gives each of 5 teams exactly one bye', () => {
    const { rounds, byes } = roundRobin(teams(5));
    expect(rounds).toBe(5);
    expect(byes.map((b) => b.teamId).sort()).toEqual(teams(5));
    expect(new Set(byes.map((b) => b.round)).size).toBe(5);
  });

  it('labels group fixtures and refuses duplicates or a single team', () => {
    expect(roundRobin(['a', 'b'], { group: 'A' }).fixtures[0]).toMatchObject({
      id: 'GA-R1-M1',
      group: 'A',
      stage: 'group',
    });
    expect(() => roundRobin(['a', 'a'])).toThrow('distinct');
    expect(() => roundRobin(['a'])).toThrow('at least 2');
  });

  const sizes = fc.integer({ min: 2, max: 64 });

  it('single: every pair meets once, nobody plays twice in a round, home/away within one', () => {
    fc.assert(
      fc.property(sizes, (n) => {
        const { rounds, fixtures, byes } = roundRobin(teams(n));
        const pairs = new Map<string, number>();
        const home = new Map<string, number>();
        const away = new Map<string, number>();
        const perRound = new Map<number, Set<string>>();
        for (const f of fixtures) {
          const key = [f.homeTeamId, f.awayTeamId].sort().join('|');
          pairs.set(key, (pairs.get(key) ?? 0) + 1);
          home.set(f.homeTeamId, (home.get(f.homeTeamId) ?? 0) + 1);
          away.set(f.awayTeamId, (away.get(f.awayTeamId) ?? 0) + 1);
          const seen = perRound.get(f.round) ?? new Set<string>();
          expect(seen.has(f.homeTeamId) || seen.has(f.awayTeamId)).toBe(false);
          seen.add(f.homeTeamId).add(f.awayTeamId);
          perRound.set(f.round, seen);
        }
        expect(pairs.size).toBe((n * (n - 1)) / 2);
        expect([...pairs.values()].every((c) => c === 1)).toBe(true);
        for (const t of teams(n)) expect(Math.abs((home.get(t) ?? 0) - (away.get(t) ?? 0))).toBeLessThanOrEqual(1);
        expect(rounds).toBe(n % 2 === 0 ? n - 1 : n);
        // Odd counts: one bye per round, each team exactly once; even counts: none.
        expect(byes).toHaveLength(n % 2 === 0 ? 0 : n);
        expect(new Set(byes.map((b) => b.teamId)).size).toBe(byes.length);
      }),
    );
  });

  it('double: every ordered pair (home, away) occurs exactly once, legs split the rounds', () => {
    fc.assert(
      fc.property(sizes, (n) => {
        const { rounds, fixtures, byes } = roundRobin(teams(n), { double: true });
        const ordered = new Set(fixtures.map((f) => `${f.homeTeamId}>${f.awayTeamId}`));
        expect(ordered.size).toBe(n * (n - 1));
        expect(fixtures).toHaveLength(n * (n - 1));
        for (const f of fixtures) expect(f.leg).toBe(f.round <= rounds / 2 ? 1 : 2);
        expect(new Set(fixtures.map((f) => f.id)).size).toBe(fixtures.length);
        expect(byes).toHaveLength(n % 2 === 0 ? 0 : 2 * n);
      }),
    );
  });
});
