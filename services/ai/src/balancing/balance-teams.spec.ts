import fc from 'fast-check';
import { balanceTeams, POSITIONS, snakeDraftSpread, type BalancePlayer } from './balance-teams';

const player = fc.record({
  skill: fc.integer({ min: 1, max: 10 }),
  positions: fc.uniqueArray(fc.constantFrom(...POSITIONS), { minLength: 1, maxLength: 2 }),
});
const roster = (min: number, max: number) =>
  fc.array(player, { minLength: min, maxLength: max }).map((ps) => ps.map((p, i) => ({ ...p, id: `p${i}` })));

describe('balanceTeams', () => {
  it('uses every player once, keeps sizes within one, and never does worse than a snake draft', () => {
    fc.assert(
      fc.property(roster(4, 40), fc.integer({ min: 2, max: 4 }), fc.integer(), (players, teamCount, seed) => {
        fc.pre(players.length >= teamCount);
        const result = balanceTeams(players, teamCount, seed);
        const ids = result.teams.flatMap((t) => t.players.map((p) => p.id)).sort();
        expect(ids).toEqual(players.map((p) => p.id).sort());
        const sizes = result.teams.map((t) => t.players.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  it('never does worse than a plain snake draft when no goalkeeper constraint applies', () => {
    const outfield = roster(4, 40).map((ps) =>
      ps.map((p) => ({ ...p, positions: p.positions.filter((x) => x !== 'GK') })).filter((p) => p.positions.length > 0),
    );
    fc.assert(
      fc.property(outfield, fc.integer({ min: 2, max: 4 }), fc.integer(), (players, teamCount, seed) => {
        fc.pre(players.length >= teamCount);
        expect(balanceTeams(players, teamCount, seed).spread).toBeLessThanOrEqual(snakeDraftSpread(players, teamCount));
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic for the same input and seed', () => {
    fc.assert(
      fc.property(roster(6, 30), fc.integer(), (players, seed) => {
        expect(balanceTeams(players, 2, seed)).toEqual(balanceTeams(players, 2, seed));
      }),
      { numRuns: 50 },
    );
  });

  it('gives each team a goalkeeper while there are enough of them', () => {
    const players: BalancePlayer[] = [
      { id: 'gk1', skill: 9, positions: ['GK'] },
      { id: 'gk2', skill: 3, positions: ['GK'] },
      ...Array.from({ length: 8 }, (_, i) => ({
        id: `f${i}`,
        skill: (i % 5) + 3,
        positions: ['FW', 'MF'] as BalancePlayer['positions'],
      })),
    ];
    const result = balanceTeams(players, 2);
    for (const team of result.teams) expect(team.players.filter((p) => p.positions.includes('GK'))).toHaveLength(1);
  });

  it('balances a lopsided roster to an even split', () => {
    const players = [10, 9, 8, 7, 3, 3, 2, 2].map((skill, i) => ({
      id: `p${i}`,
      skill,
      positions: ['MF'] as BalancePlayer['positions'],
    }));
    expect(balanceTeams(players, 2).spread).toBe(0);
  });

  it.each([
    [[], 2, /at least one player per team/],
    [[{ id: 'a', skill: 5, positions: ['MF'] }], 1, /at least 2/],
    [Array.from({ length: 201 }, (_, i) => ({ id: `p${i}`, skill: 5, positions: ['MF'] })), 2, /at most 200/],
    [
      [
        { id: 'a', skill: 5, positions: ['MF'] },
        { id: 'a', skill: 5, positions: ['MF'] },
      ],
      2,
      /unique/,
    ],
  ])('refuses invalid input with AI_BALANCE_INVALID_INPUT', (players, teamCount, message) => {
    expect(() => balanceTeams(players as BalancePlayer[], teamCount)).toThrow(message);
    try {
      balanceTeams(players as BalancePlayer[], teamCount);
    } catch (error) {
      expect(error).toMatchObject({ code: 'AI_BALANCE_INVALID_INPUT', status: 400 });
    }
  });
});
