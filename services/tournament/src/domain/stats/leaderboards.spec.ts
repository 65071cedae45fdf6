import { type Appearance, leaderboard, type MatchScore, playerStats, type StatEvent, teamStats } from './leaderboards';

const matches: MatchScore[] = [
  { matchId: 'm1', homeTeamId: 'A', awayTeamId: 'B', homeGoals: 2, awayGoals: 0 },
  { matchId: 'm2', homeTeamId: 'B', awayTeamId: 'A', homeGoals: 1, awayGoals: 1 },
];
const appearances: Appearance[] = [
  ...['a1', 'a2', 'agk'].flatMap((p) =>
    ['m1', 'm2'].map((matchId) => ({ matchId, teamId: 'A', playerId: p, goalkeeper: p === 'agk' })),
  ),
  ...['b1', 'bgk'].map((p) => ({ matchId: 'm1', teamId: 'B', playerId: p, goalkeeper: p === 'bgk' })),
  { matchId: 'm2', teamId: 'B', playerId: 'b1' },
  { matchId: 'm2', teamId: 'B', playerId: 'b2' },
];
const events: StatEvent[] = [
  { type: 'goal', matchId: 'm1', teamId: 'A', playerId: 'a1', assistPlayerId: 'a2' },
  { type: 'own_goal', matchId: 'm1', teamId: 'B', playerId: 'b1' },
  { type: 'card', matchId: 'm1', teamId: 'B', playerId: 'b1', card: 'yellow' },
  { type: 'goal', matchId: 'm2', teamId: 'B', playerId: 'b2', penalty: true },
  { type: 'goal', matchId: 'm2', teamId: 'A', playerId: 'a2' },
  { type: 'card', matchId: 'm2', teamId: 'A', playerId: 'a1', card: 'yellow' },
  { type: 'card', matchId: 'm2', teamId: 'A', playerId: 'a1', card: 'second_yellow' },
];

describe('player stats and leaderboards', () => {
  const stats = playerStats(events, appearances, matches);
  const of = (id: string) => stats.find((s) => s.playerId === id)!;

  it('counts goals without own goals, assists, cards, appearances and goalkeeper clean sheets', () => {
    expect(of('a1')).toMatchObject({ goals: 1, assists: 0, yellowCards: 1, redCards: 1, matchesPlayed: 2 });
    expect(of('a2')).toMatchObject({ goals: 1, assists: 1, matchesPlayed: 2 });
    expect(of('b1')).toMatchObject({ goals: 0, ownGoals: 1, yellowCards: 1, matchesPlayed: 2 });
    expect(of('b2')).toMatchObject({ goals: 1, penaltyGoals: 1, matchesPlayed: 1 });
    expect(of('agk').cleanSheets).toBe(1);
    expect(of('bgk').cleanSheets).toBe(0);
  });

  it('ranks with shared places; fewer matches first among equals', () => {
    expect(leaderboard(stats, 'goals').map((e) => [e.rank, e.playerId, e.value])).toEqual([
      [1, 'b2', 1],
      [1, 'a1', 1],
      [1, 'a2', 1],
    ]);
    expect(leaderboard(stats, 'assists')).toEqual([
      { rank: 1, playerId: 'a2', teamId: 'A', value: 1, matchesPlayed: 2 },
    ]);
    expect(leaderboard(stats, 'goals', 2)).toHaveLength(2);
  });

  it('team stats', () => {
    const [a, b] = teamStats(matches, events);
    expect(a).toMatchObject({
      teamId: 'A',
      played: 2,
      won: 1,
      drawn: 1,
      goalsFor: 3,
      goalsAgainst: 1,
      cleanSheets: 1,
      yellowCards: 1,
      redCards: 1,
      biggestWin: { matchId: 'm1', margin: 2 },
    });
    expect(b).toMatchObject({ teamId: 'B', lost: 1, drawn: 1, failedToScore: 1, yellowCards: 1, biggestWin: null });
  });
});
