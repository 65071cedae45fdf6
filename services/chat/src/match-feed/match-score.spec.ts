import type { MatchEvent } from '@prodvor/contracts';
import { matchScore } from './match-score';

const HOME = '11111111-1111-4111-8111-111111111111';
const AWAY = '22222222-2222-4222-8222-222222222222';
const P = '33333333-3333-4333-8333-333333333333';
const base = {
  matchId: P,
  tournamentId: P,
  minute: 1,
  period: 1,
  recordedBy: P,
  recordedAt: '2026-05-01T18:00:00.000Z',
};
const goal = (sequence: number, teamId: string, ownGoal = false): MatchEvent => ({
  ...base,
  sequence,
  kind: 'goal',
  teamId,
  scorerId: P,
  ownGoal,
  penalty: false,
});
const teams = { homeTeamId: HOME, awayTeamId: AWAY };

describe('matchScore', () => {
  it('counts goals per side, an own goal for the other side, and follows the match status', () => {
    const events: MatchEvent[] = [
      { ...base, sequence: 1, kind: 'kick_off' },
      goal(2, HOME),
      goal(3, AWAY),
      goal(4, AWAY, true),
    ];
    expect(matchScore(events, teams)).toEqual({ homeScore: 2, awayScore: 1, status: 'live', lastSequence: 4 });
    expect(matchScore([...events, { ...base, sequence: 5, kind: 'final_whistle' }], teams).status).toBe('finished');
  });

  it('drops a goal voided by a correction, whatever order the events come in', () => {
    const correction: MatchEvent = { ...base, sequence: 3, kind: 'correction', correctsSequence: 2, reason: 'offside' };
    expect(matchScore([correction, goal(2, HOME), goal(1, AWAY)], teams)).toEqual({
      homeScore: 0,
      awayScore: 1,
      status: 'scheduled',
      lastSequence: 3,
    });
  });

  it('carries the shoot-out of a final whistle, and drops it with a voided whistle', () => {
    const whistle: MatchEvent = { ...base, sequence: 3, kind: 'final_whistle', homePenalties: 4, awayPenalties: 5 };
    const level = [goal(1, HOME), goal(2, AWAY), whistle];
    expect(matchScore(level, teams)).toEqual({
      homeScore: 1,
      awayScore: 1,
      status: 'finished',
      lastSequence: 3,
      homePenalties: 4,
      awayPenalties: 5,
    });
    const voided: MatchEvent = { ...base, sequence: 4, kind: 'correction', correctsSequence: 3, reason: 'too early' };
    expect(matchScore([...level, voided], teams)).not.toHaveProperty('homePenalties');
  });

  it('does not count goals of a team that is not in the match', () => {
    expect(matchScore([goal(1, P)], teams)).toMatchObject({ homeScore: 0, awayScore: 0, lastSequence: 1 });
  });
});
