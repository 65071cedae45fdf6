import fc from 'fast-check';
import {
  advance,
  type Bracket,
  bracketChampion,
  findMatch,
  playableMatches,
  reopen,
  seedBracket,
  withdrawFromBracket,
} from './bracket';
import { doubleElimination } from './double-elimination';
import { seededRandom } from '@prodvor/contracts';
import { knockoutFromSeedPositions, singleElimination, standardSeedOrder } from './single-elimination';

const teams = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

/** Plays every ready match, choosing winners with a seeded coin; returns the final bracket and the played matches. */
function playOut(bracket: Bracket, seed: number, pick?: (home: string, away: string) => string) {
  const random = seededRandom(seed);
  const played: { id: string; home: string; away: string; winner: string }[] = [];
  let current = bracket;
  for (;;) {
    const next = current.matches.find((m) => m.status === 'ready');
    if (!next) return { bracket: current, played };
    const home = next.homeTeamId!;
    const away = next.awayTeamId!;
    const winner = pick ? pick(home, away) : random() < 0.5 ? home : away;
    played.push({ id: next.id, home, away, winner });
    current = advance(current, next.id, winner);
  }
}

describe('standardSeedOrder', () => {
  it('keeps seeds 1 and 2 apart until the final and 1–4 in different quarters', () => {
    expect(standardSeedOrder(8)).toEqual([1, 8, 4, 5, 2, 7, 3, 6]);
    expect(standardSeedOrder(4)).toEqual([1, 4, 2, 3]);
  });
});

describe('singleElimination', () => {
  it('gives the byes to the top seeds (6 teams: seeds 1 and 2 skip round 1)', () => {
    const b = singleElimination(teams(6));
    const round1 = b.matches.filter((m) => m.round === 1);
    expect(round1.map((m) => [m.homeTeamId, m.awayTeamId, m.status])).toEqual([
      ['s1', null, 'walkover'],
      ['s4', 's5', 'ready'],
      ['s2', null, 'walkover'],
      ['s3', 's6', 'ready'],
    ]);
    expect(findMatch(b, 'K2-1')).toMatchObject({ homeTeamId: 's1', awayTeamId: null, status: 'pending' });
  });

  it('advances winners and a reopened result clears what depended on it', () => {
    let b = singleElimination(teams(4), { thirdPlace: true });
    b = advance(b, 'K1-1', 's1');
    b = advance(b, 'K1-2', 's3');
    expect(findMatch(b, 'P3')).toMatchObject({ homeTeamId: 's4', awayTeamId: 's2', status: 'ready' });
    b = advance(b, 'K2-1', 's3');
    b = advance(b, 'P3', 's2');
    expect(bracketChampion(b)).toBe('s3');
    // The organizer corrects semi-final 2: s2 actually won. Final and third place must be replayed.
    b = advance(b, 'K1-2', 's2');
    expect(findMatch(b, 'K2-1')).toMatchObject({ homeTeamId: 's1', awayTeamId: 's2', winnerId: null, status: 'ready' });
    expect(findMatch(b, 'P3')).toMatchObject({ awayTeamId: 's3', winnerId: null, status: 'ready' });
    expect(bracketChampion(b)).toBeNull();
    b = reopen(b, 'K1-1');
    expect(findMatch(b, 'K2-1').status).toBe('pending');
    expect(() => advance(b, 'K2-1', 's1')).toThrow('pending');
    expect(() => advance(b, 'K1-1', 'x')).toThrow('does not play');
  });

  it('keeps a downstream result when an upstream correction leaves its teams unchanged', () => {
    let b = singleElimination(teams(8));
    for (const id of ['K1-1', 'K1-2', 'K1-3', 'K1-4']) b = advance(b, id, findMatch(b, id).homeTeamId!);
    b = advance(b, 'K2-1', 's1');
    b = advance(b, 'K1-3', 's2');
    expect(findMatch(b, 'K2-1').winnerId).toBe('s1');
  });

  it('accepts placeholder entrants filled later', () => {
    let b = knockoutFromSeedPositions([1, 4, 2, 3], [null, null, null, null], {}, ['A1', 'B1', 'A2', 'B2']);
    expect(b.matches.every((m) => m.status === 'pending')).toBe(true);
    b = seedBracket(b, ['a', 'b', 'c', 'd']);
    expect(findMatch(b, 'K1-1')).toMatchObject({ homeTeamId: 'a', awayTeamId: 'd', status: 'ready' });
  });

  it('property: N−1 played matches (+1 third place), seeds 1 and 2 only meet in the final', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.boolean(), fc.integer(), (n, third, seed) => {
        const { bracket, played } = playOut(singleElimination(teams(n), { thirdPlace: third }), seed);
        expect(played).toHaveLength(n - 1 + (third && n >= 4 ? 1 : 0));
        const champion = bracketChampion(bracket);
        expect(champion).not.toBeNull();
        const losses = new Map<string, number>();
        for (const p of played) {
          if (p.id === 'P3') continue;
          const loser = p.winner === p.home ? p.away : p.home;
          losses.set(loser, (losses.get(loser) ?? 0) + 1);
        }
        // Everybody but the champion is knocked out exactly once.
        expect(losses.size).toBe(n - 1);
        expect(losses.has(champion!)).toBe(false);
        const onesVsTwo = played.find((p) => p.id !== 'P3' && [p.home, p.away].sort().join() === 's1,s2');
        if (onesVsTwo)
          expect(onesVsTwo.id).toBe(
            bracket.matches.find((m) => m.winnerTo === undefined && m.stage === 'knockout')!.id,
          );
        // Byes only for the top seeds.
        const byes = bracket.matches
          .filter((m) => m.status === 'walkover' && m.stage === 'knockout')
          .map((m) => m.winnerId);
        expect(byes.sort()).toEqual(teams(n).slice(0, byes.length).sort());
      }),
    );
  });
});

describe('doubleElimination', () => {
  it('plays a reset only when the losers-bracket champion wins the first final', () => {
    let b = doubleElimination(teams(4));
    for (const [id, w] of [
      ['W1-1', 's1'],
      ['W1-2', 's2'],
      ['L1-1', 's4'],
      ['W2-1', 's1'],
      ['L2-1', 's4'],
    ] as const) {
      b = advance(b, id, w);
    }
    expect(findMatch(b, 'GF')).toMatchObject({ homeTeamId: 's1', awayTeamId: 's4', status: 'ready' });
    expect(findMatch(b, 'GF2').status).toBe('pending');
    const noReset = advance(b, 'GF', 's1');
    expect(findMatch(noReset, 'GF2').status).toBe('void');
    expect(bracketChampion(noReset)).toBe('s1');
    let reset = advance(b, 'GF', 's4');
    expect(findMatch(reset, 'GF2')).toMatchObject({ homeTeamId: 's1', awayTeamId: 's4', status: 'ready' });
    expect(bracketChampion(reset)).toBeNull();
    reset = advance(reset, 'GF2', 's4');
    expect(bracketChampion(reset)).toBe('s4');
  });

  it('can be built without a reset', () => {
    const b = doubleElimination(teams(8), { grandFinalReset: false });
    expect(b.matches.some((m) => m.stage === 'grand_final_reset')).toBe(false);
    expect(b.matches).toHaveLength(2 * 8 - 2);
  });

  it('property: 2N−2 played matches, or 2N−1 after a reset; every non-champion loses exactly twice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.integer(), (n, seed) => {
        const { bracket, played } = playOut(doubleElimination(teams(n)), seed);
        const reset = findMatch(bracket, 'GF2').status === 'decided';
        expect(played).toHaveLength(2 * n - 2 + (reset ? 1 : 0));
        expect(playableMatches(bracket)).toHaveLength(played.length);
        const champion = bracketChampion(bracket)!;
        const losses = new Map<string, number>();
        for (const p of played) {
          const loser = p.winner === p.home ? p.away : p.home;
          losses.set(loser, (losses.get(loser) ?? 0) + 1);
        }
        for (const t of teams(n)) expect(losses.get(t) ?? 0).toBe(t === champion ? (reset ? 1 : 0) : 2);
      }),
    );
  });

  it('property: no rematch of a winners-bracket match in the first two losers rounds', () => {
    fc.assert(
      fc.property(fc.constantFrom(8, 16, 32, 64), fc.integer(), (n, seed) => {
        const { played } = playOut(doubleElimination(teams(n)), seed);
        const met = new Set<string>();
        const seenInLosers = new Set<string>();
        for (const p of [...played].sort((a, b) => order(a.id) - order(b.id))) {
          const key = [p.home, p.away].sort().join('|');
          if (p.id.startsWith('L1-') || p.id.startsWith('L2-')) {
            for (const t of [p.home, p.away]) {
              if (!seenInLosers.has(t)) expect(met.has(key), `${n} ${p.id} ${key}`).toBe(false);
            }
            seenInLosers.add(p.home).add(p.away);
          }
          met.add(key);
        }
      }),
    );
  });
});

/** Chronological order: winners round r is played before losers rounds 2r−1 and 2r. */
function order(id: string): number {
  const [stage, round] = [id[0], Number(id.slice(1).split('-')[0])];
  if (stage === 'W') return round === 1 ? 0 : 2 * round - 2.5;
  if (stage === 'L') return round;
  return 1000;
}

describe('withdrawFromBracket', () => {
  it('property: after withdrawing, a team plays no further match and never drops into the losers bracket', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 64 }),
        fc.boolean(),
        fc.integer(),
        fc.integer({ min: 0, max: 200 }),
        fc.nat(),
        (n, double, seed, playedBefore, pickTeam) => {
          const random = seededRandom(seed);
          let bracket = double ? doubleElimination(teams(n)) : singleElimination(teams(n));
          const quitter = `s${(pickTeam % n) + 1}`;
          let step = 0;
          let withdrawn = false;
          const inLosers = (b: Bracket) =>
            b.matches.some((m) => m.stage === 'losers' && [m.homeTeamId, m.awayTeamId].includes(quitter));
          let inLosersBefore = false;
          for (;;) {
            const running = bracket.matches.some((m) => m.status === 'ready');
            if (!withdrawn && step === playedBefore && running) {
              inLosersBefore = inLosers(bracket);
              bracket = withdrawFromBracket(bracket, quitter);
              withdrawn = true;
            }
            const next = bracket.matches.find((m) => m.status === 'ready');
            if (!next) break;
            if (withdrawn) expect([next.homeTeamId, next.awayTeamId]).not.toContain(quitter);
            bracket = advance(bracket, next.id, random() < 0.5 ? next.homeTeamId! : next.awayTeamId!);
            step++;
          }
          const champion = bracketChampion(bracket);
          if (withdrawn) {
            expect(champion).not.toBe(quitter);
            if (n > 1) expect(champion).not.toBeNull();
            if (!inLosersBefore) expect(inLosers(bracket)).toBe(false);
          }
        },
      ),
    );
  });
});
