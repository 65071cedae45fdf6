import { eloDeltas, expectedScore, goalDifferenceMultiplier, INITIAL_RATING, K_FACTOR, orderByRating } from './elo';

describe('expectedScore', () => {
  it('is 0.5 between equals and follows the logistic curve on 400 points', () => {
    expect(expectedScore(1500, 1500)).toBe(0.5);
    expect(expectedScore(1900, 1500)).toBeCloseTo(10 / 11, 10);
    expect(expectedScore(1500, 1900)).toBeCloseTo(1 / 11, 10);
    expect(expectedScore(1600, 1500) + expectedScore(1500, 1600)).toBeCloseTo(1, 12);
  });
});

describe('goalDifferenceMultiplier', () => {
  it('weighs the margin as World Football Elo does', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(goalDifferenceMultiplier)).toEqual([1, 1, 1.5, 1.75, 1.875, 2, 21 / 8]);
    expect(goalDifferenceMultiplier(-3)).toBe(1.75);
  });
});

describe('eloDeltas', () => {
  const equal = { homeRating: INITIAL_RATING, awayRating: INITIAL_RATING };

  it('gives K/2 for a one-goal win between equals', () => {
    expect(eloDeltas({ ...equal, homeGoals: 1, awayGoals: 0 })).toEqual({ home: K_FACTOR / 2, away: -K_FACTOR / 2 });
    expect(eloDeltas({ ...equal, homeGoals: 0, awayGoals: 1 })).toEqual({ home: -10, away: 10 });
  });

  it('scales with the margin: 2 goals ×1.5, 3 goals ×1.75', () => {
    expect(eloDeltas({ ...equal, homeGoals: 2, awayGoals: 0 }).home).toBe(15);
    expect(eloDeltas({ ...equal, homeGoals: 4, awayGoals: 1 }).home).toBe(18); // 17.5 rounds away from zero
  });

  it('moves nothing for a draw between equals and rewards the weaker side in a draw', () => {
    expect(eloDeltas({ ...equal, homeGoals: 2, awayGoals: 2 })).toEqual({ home: 0, away: 0 });
    // 20 × (0.5 − 10/11) = −8.18
    expect(eloDeltas({ homeRating: 1900, awayRating: 1500, homeGoals: 1, awayGoals: 1 })).toEqual({
      home: -8,
      away: 8,
    });
  });

  it('gives the favourite little for an expected win and the underdog much for an upset', () => {
    expect(eloDeltas({ homeRating: 1900, awayRating: 1500, homeGoals: 1, awayGoals: 0 }).home).toBe(2); // 1.82
    expect(eloDeltas({ homeRating: 1900, awayRating: 1500, homeGoals: 0, awayGoals: 1 }).away).toBe(18); // 18.18
  });

  it('counts a forfeit as a win of the other team by the recorded score', () => {
    expect(eloDeltas({ ...equal, homeGoals: 0, awayGoals: 3, forfeitedBy: 'home' })).toEqual({ home: -18, away: 18 });
    expect(eloDeltas({ ...equal, homeGoals: 3, awayGoals: 0, forfeitedBy: 'away' })).toEqual({ home: 18, away: -18 });
  });

  it('always sums to zero and is deterministic', () => {
    for (let diff = -600; diff <= 600; diff += 37) {
      for (const [h, a] of [
        [0, 0],
        [1, 0],
        [0, 2],
        [5, 1],
        [3, 3],
      ]) {
        const input = { homeRating: 1500 + diff, awayRating: 1500, homeGoals: h, awayGoals: a };
        const d = eloDeltas(input);
        expect(d.home + d.away).toBe(0);
        expect(Number.isInteger(d.home)).toBe(true);
        expect(eloDeltas(input)).toEqual(d);
      }
    }
  });
});

describe('orderByRating', () => {
  it('orders best first, unrated as 1500, ties in the given order', () => {
    const ratings = new Map([
      ['a', 1480],
      ['b', 1560],
      ['d', 1500],
    ]);
    expect(orderByRating(['a', 'b', 'c', 'd', 'e'], ratings)).toEqual(['b', 'c', 'd', 'e', 'a']);
  });
});
