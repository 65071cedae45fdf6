import type { SqlExecutor } from '../outbox/sql-executor';
import { UserProfiles } from './user-profiles.module';

const A = '0190f0a0-0000-7000-8000-00000000000a';
const B = '0190f0a0-0000-7000-8000-00000000000b';
const AVATAR = '0190f0a0-0000-7000-8000-0000000000ff';

/** An executor that answers every query with `rows` and records what it was asked. */
function executor(rows: unknown[]) {
  const queries: unknown[][] = [];
  const db: SqlExecutor = {
    $executeRawUnsafe: () => Promise.reject(new Error('no writes expected')),
    $queryRawUnsafe: <T>(sql: string, ...values: unknown[]) => {
      queries.push([sql, ...values]);
      return Promise.resolve(rows as T);
    },
  };
  return { db, queries };
}

describe('UserProfiles', () => {
  it('reads every listed user in one query, each id once', async () => {
    const { db, queries } = executor([{ userId: A, displayName: 'Lev', avatarMediaId: AVATAR }]);
    const people = await new UserProfiles(db).people([A, B, A]);
    expect(queries).toHaveLength(1);
    expect(queries[0][1]).toEqual([A, B]);
    expect(people.of(A)).toEqual({
      displayName: 'Lev',
      avatar: {
        mediaId: AVATAR,
        variants: {
          'avatar-200': `/api/v1/public-media/${AVATAR}/avatar-200`,
          'avatar-400': `/api/v1/public-media/${AVATAR}/avatar-400`,
        },
      },
    });
    // Not known yet (or deleted): the id alone.
    expect(people.of(B)).toEqual({ displayName: null, avatar: null });
  });

  it('asks nothing for an empty list', async () => {
    const { db, queries } = executor([]);
    expect((await new UserProfiles(db).people([])).of(A)).toEqual({ displayName: null, avatar: null });
    expect(queries).toEqual([]);
  });
});
