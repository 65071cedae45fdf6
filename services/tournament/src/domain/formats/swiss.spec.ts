import fc from 'fast-check';
import { seededRandom } from '@prodvor/contracts';
import { pairSwissRound, type SwissGame, swissStandings } from './swiss';

const teams = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

describe('swiss', () => {
  it('round 1 pairs by seed order, the bye goes to the lowest seed', () => {
    const { fixtures, bye } = pairSwissRound(teams(5), [], [], 1);
    expect(fixtures.map((f) => [f.homeTeamId, f.awayTeamId])).toEqual([
      ['s1', 's2'],
      ['s3', 's4'],
    ]);
    expect(bye).toEqual({ round: 1, teamId: 's5' });
  });

  it('pairs by score and avoids a rematch by floating down', () => {
    const games: SwissGame[] = [
      { homeTeamId: 'a', awayTeamId: 'b', homeGoals: 1, awayGoals: 0 },
      { homeTeamId: 'c', awayTeamId: 'd', homeGoals: 2, awayGoals: 0 },
    ];
    const ranked = swissStandings(['a', 'b', 'c', 'd'], games, []);
    expect(ranked.map((r) => [r.teamId, r.score, r.buchholz])).toEqual([
      ['a', 1, 0],
      ['c', 1, 0],
      ['b', 0, 1],
      ['d', 0, 1],
    ]);
    const { fixtures } = pairSwissRound(['a', 'b', 'c', 'd'], games, [], 2);
    // Winners meet winners; b (home once fewer) hosts.
    expect(fixtures.map((f) => [f.homeTeamId, f.awayTeamId])).toEqual([
      ['a', 'c'],
      ['b', 'd'],
    ]);
    const round3 = pairSwissRound(
      ['a', 'b', 'c', 'd'],
      [...games, { homeTeamId: 'a', awayTeamId: 'c', homeGoals: 0, awayGoals: 0 }],
      [],
      3,
    );
    expect(round3.fixtures.map((f) => [f.homeTeamId, f.awayTeamId].sort().join())).toEqual(['a,d', 'b,c']);
  });

  it('refuses when every pairing would be a rematch', () => {
    const games: SwissGame[] = [{ homeTeamId: 'a', awayTeamId: 'b', homeGoals: 0, awayGoals: 0 }];
    expect(() => pairSwissRound(['a', 'b'], games, [], 2)).toThrow('no pairing');
  });

  it('property: no rematches, one bye per round, never twice to the same team', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.integer(), (n, seed) => {
        const random = seededRandom(seed);
        // A usual Swiss length (≈ log2 n + 1, at most n/2 rounds). Much longer runs can dead-end:
        // greedy earlier rounds may leave no rematch-free pairing, which pairSwissRound reports.
        const rounds = Math.max(1, Math.min(Math.ceil(Math.log2(n)) + 1, Math.floor(n / 2)));
        const games: SwissGame[] = [];
        const byes: { teamId: string }[] = [];
        for (let round = 1; round <= rounds; round++) {
          const { fixtures, bye } = pairSwissRound(teams(n), games, byes, round);
          const playing = fixtures.flatMap((f) => [f.homeTeamId, f.awayTeamId]);
          expect(new Set(playing).size).toBe(playing.length);
          expect(playing.length + (bye ? 1 : 0)).toBe(n);
          expect(bye !== null).toBe(n % 2 === 1);
          if (bye) {
            expect(byes.some((b) => b.teamId === bye.teamId)).toBe(false);
            byes.push(bye);
          }
          for (const f of fixtures) {
            expect(
              games.some(
                (g) => [g.homeTeamId, g.awayTeamId].sort().join() === [f.homeTeamId, f.awayTeamId].sort().join(),
              ),
            ).toBe(false);
            games.push({
              homeTeamId: f.homeTeamId,
              awayTeamId: f.awayTeamId,
              homeGoals: Math.floor(random() * 3),
              awayGoals: Math.floor(random() * 3),
            });
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('property: long runs never produce a rematch; a dead end is reported as SWISS_NO_PAIRING', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 16 }), fc.integer(), (n, seed) => {
        const random = seededRandom(seed);
        const games: SwissGame[] = [];
        const byes: { teamId: string }[] = [];
        for (let round = 1; round < n; round++) {
          let next;
          try {
            next = pairSwissRound(teams(n), games, byes, round);
          } catch (error) {
            expect(error).toMatchObject({ code: 'SWISS_NO_PAIRING' });
            return;
          }
          if (next.bye) byes.push(next.bye);
          for (const f of next.fixtures) {
            const key = [f.homeTeamId, f.awayTeamId].sort().join();
            expect(games.some((g) => [g.homeTeamId, g.awayTeamId].sort().join() === key)).toBe(false);
            games.push({ ...f, homeGoals: Math.floor(random() * 3), awayGoals: Math.floor(random() * 3) });
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
