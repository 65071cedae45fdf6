import { playerStats } from '../domain';
import { emptyRecord, playedFor, playerRecord, sumRecords, teamRecord } from './career-records';

const score = (matchId: string, homeTeamId: string, awayTeamId: string, homeGoals: number, awayGoals: number) => ({
  matchId,
  homeTeamId,
  awayTeamId,
  homeGoals,
  awayGoals,
});

describe('career records', () => {
  it("counts a team's wins, draws, losses and goals from its own side, a forfeit with its awarded score", () => {
    const scores = [score('m1', 'a', 'b', 2, 1), score('m2', 'c', 'a', 1, 1), score('m3', 'a', 'c', 0, 3)];
    expect(teamRecord('a', scores)).toEqual({ matches: 3, won: 1, drawn: 1, lost: 1, goalsFor: 3, goalsAgainst: 5 });
    expect(teamRecord('b', scores)).toEqual({ matches: 1, won: 0, drawn: 0, lost: 1, goalsFor: 1, goalsAgainst: 2 });
    expect(teamRecord('z', scores)).toEqual(emptyRecord());
  });

  it("sums a player's stats as the leaderboards count them and the results of the matches played", () => {
    const scores = [score('m1', 'a', 'b', 2, 1), score('m2', 'b', 'a', 3, 0), score('m3', 'a', 'c', 1, 1)];
    const appearances = [
      { matchId: 'm1', teamId: 'a', playerId: 'p' },
      { matchId: 'm2', teamId: 'a', playerId: 'p' },
    ];
    const events = [
      { type: 'goal' as const, matchId: 'm1', teamId: 'a', playerId: 'p' },
      { type: 'goal' as const, matchId: 'm1', teamId: 'a', playerId: 'q', assistPlayerId: 'p' },
      { type: 'card' as const, matchId: 'm2', teamId: 'a', playerId: 'p', card: 'yellow' as const },
      // Not in a lineup, only assisting: the match still counts, on the side of the goal.
      { type: 'goal' as const, matchId: 'm3', teamId: 'a', playerId: 'q', assistPlayerId: 'p' },
    ];
    const stats = playerStats(events, appearances, scores).filter((s) => s.playerId === 'p');
    const record = playerRecord(stats, scores, playedFor('p', appearances, events));
    expect(record).toMatchObject({
      teamId: 'a',
      goals: 1,
      assists: 2,
      yellowCards: 1,
      redCards: 0,
      matches: 3,
      won: 1,
      drawn: 1,
      lost: 1,
      goalsFor: 3,
      goalsAgainst: 5,
    });
    const zero = { ...emptyRecord(), appearances: 0, goals: 0, assists: 0, yellowCards: 0, redCards: 0, teamId: null };
    expect(sumRecords([record, record], zero)).toMatchObject({ goals: 2, assists: 4, matches: 6, appearances: 6 });
  });
});
