import type { PickupResult, SideMember } from './pickup.model';
import { pickupStats } from './pickup-stats';

const at = new Date('2026-12-06T10:00:00.000Z');
const side = (userId: string, s: 'A' | 'B'): SideMember => ({
  eventId: 'e',
  occurrenceStart: at,
  userId,
  side: s,
  skill: 5,
  createdBy: 'c',
  createdAt: at,
});
const result = (a: number, b: number, scorers: PickupResult['scorers'] = []): PickupResult => ({
  eventId: 'e',
  occurrenceStart: at,
  teamId: 't',
  sideAScore: a,
  sideBScore: b,
  scorers,
  recordedBy: 'c',
  recordedAt: at,
});

describe('pickupStats', () => {
  it('counts games, wins, draws, losses and goals of roster members, most games first', () => {
    const rows = pickupStats(
      ['u1', 'u2', 'u3', 'u4'],
      [
        {
          result: result(2, 1, [{ userId: 'u2', goals: 2 }]),
          sides: [side('u1', 'B'), side('u2', 'A'), side('gone', 'A')],
        },
        { result: result(0, 0), sides: [side('u2', 'B'), side('u3', 'A')] },
      ],
    );
    expect(rows).toEqual([
      { userId: 'u2', games: 2, wins: 1, draws: 1, losses: 0, goals: 2 },
      { userId: 'u1', games: 1, wins: 0, draws: 0, losses: 1, goals: 0 },
      { userId: 'u3', games: 1, wins: 0, draws: 1, losses: 0, goals: 0 },
      { userId: 'u4', games: 0, wins: 0, draws: 0, losses: 0, goals: 0 },
    ]);
  });
});
