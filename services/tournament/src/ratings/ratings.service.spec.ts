import { strictFake } from '@prodvor/testing';
import type { Clock } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';
import type { RatingChangeRecord, RatingsRepository, TeamRatingRecord } from './ratings.repository';
import { type RatableMatch, RatingsService } from './ratings.service';

/** An in-memory ratings store behind a strict fake: a call the service should not make fails. */
function store() {
  const ratings = new Map<string, TeamRatingRecord>();
  let changes: RatingChangeRecord[] = [];
  const locks: string[][] = [];
  const repo = strictFake<RatingsRepository>('ratings', {
    lockTeams: async (_tx, teamIds) => {
      const ids = [...new Set(teamIds)].sort();
      locks.push(ids);
      return new Map(
        ids.map((id) => [
          id,
          { ...(ratings.get(id) ?? { teamId: id, rating: 1500, matchesRated: 0, updatedAt: new Date(0) }) },
        ]),
      );
    },
    save: async (_tx, rating) => void ratings.set(rating.teamId, { ...rating }),
    changesOfMatch: async (_tx, matchId) => changes.filter((c) => c.matchId === matchId),
    addChanges: async (_tx, added) => void (changes = [...changes, ...added]),
    removeChanges: async (_tx, matchId) => void (changes = changes.filter((c) => c.matchId !== matchId)),
  });
  const service = new RatingsService(repo, strictFake('teams'), strictFake<Clock>('clock', { now: () => new Date(1) }));
  const rating = (teamId: string) => ratings.get(teamId) ?? { rating: 1500, matchesRated: 0 };
  return { service, rating, locks, changes: () => changes };
}

const tx = {} as Tx;
const match = (overrides: Partial<RatableMatch> = {}): RatableMatch => ({
  id: 'm1',
  status: 'confirmed',
  homeTeamId: 'b-team',
  awayTeamId: 'a-team',
  homeScore: 2,
  awayScore: 0,
  forfeitedBy: null,
  ...overrides,
});

describe('RatingsService.syncMatch', () => {
  it('rates a final result once, locking the teams in id order', async () => {
    const s = store();
    await s.service.syncMatch(tx, match());
    await s.service.syncMatch(tx, match());
    expect(s.rating('b-team')).toMatchObject({ rating: 1515, matchesRated: 1 });
    expect(s.rating('a-team')).toMatchObject({ rating: 1485, matchesRated: 1 });
    expect(s.locks).toEqual([['a-team', 'b-team']]);
    expect(s.changes().map((c) => [c.teamId, c.delta, c.ratingBefore, c.ratingAfter])).toEqual([
      ['b-team', 15, 1500, 1515],
      ['a-team', -15, 1500, 1485],
    ]);
  });

  it('ignores results that are not final', async () => {
    const s = store();
    for (const status of ['finished', 'disputed', 'cancelled', 'scheduled'])
      await s.service.syncMatch(tx, match({ status }));
    expect(s.locks).toEqual([]);
  });

  it('reverts when the result stops counting, keeping what later results did', async () => {
    const s = store();
    await s.service.syncMatch(tx, match());
    await s.service.syncMatch(tx, match({ id: 'm2', homeTeamId: 'a-team', awayTeamId: 'c-team', homeScore: 1 }));
    const afterSecond = s.rating('a-team').rating;
    await s.service.syncMatch(tx, match({ status: 'disputed' }));
    expect(s.rating('b-team')).toMatchObject({ rating: 1500, matchesRated: 0 });
    expect(s.rating('a-team')).toMatchObject({ rating: afterSecond + 15, matchesRated: 1 });
    expect(s.changes().map((c) => c.matchId)).toEqual(['m2', 'm2']);
  });

  it('re-rates a changed result (score or forfeit) from the reverted ratings', async () => {
    const s = store();
    await s.service.syncMatch(tx, match());
    await s.service.syncMatch(tx, match({ homeScore: 0, awayScore: 1 }));
    expect(s.rating('b-team')).toMatchObject({ rating: 1490, matchesRated: 1 });
    await s.service.syncMatch(tx, match({ status: 'forfeited', homeScore: 0, awayScore: 3, forfeitedBy: 'b-team' }));
    expect(s.rating('b-team')).toMatchObject({ rating: 1482, matchesRated: 1 });
    expect(s.rating('a-team')).toMatchObject({ rating: 1518, matchesRated: 1 });
    expect(s.changes().every((c) => c.forfeit)).toBe(true);
  });
});
