import { fairPlayPoints } from './fair-play';

describe('fairPlayPoints', () => {
  it('deducts only the most severe case per player and match', () => {
    const totals = fairPlayPoints([
      { matchId: 'm1', teamId: 'A', playerId: 'p1', card: 'yellow' },
      { matchId: 'm1', teamId: 'A', playerId: 'p2', card: 'yellow' },
      { matchId: 'm1', teamId: 'A', playerId: 'p2', card: 'second_yellow' },
      { matchId: 'm1', teamId: 'A', playerId: 'p3', card: 'red' },
      { matchId: 'm1', teamId: 'A', playerId: 'p4', card: 'yellow' },
      { matchId: 'm1', teamId: 'A', playerId: 'p4', card: 'red' },
      { matchId: 'm2', teamId: 'A', playerId: 'p1', card: 'yellow' },
    ]);
    expect(totals.get('A')).toBe(-1 - 3 - 4 - 5 - 1);
  });
});
