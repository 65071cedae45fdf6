import { RedisStore } from '@prodvor/platform';
import type { MatchEvent } from '@prodvor/contracts';
import { serverUrls, uniqueName } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { MATCH_EVENTS_KEEP_MS, MatchEventsStore } from '../src/reports/match-events.store';

describe('MatchEventsStore against real Redis', () => {
  const opened: RedisStore[] = [];
  const connect = async (prefix = uniqueName('ai')) => {
    const redis = await RedisStore.open({ url: serverUrls.redis, prefix });
    opened.push(redis);
    return redis;
  };
  afterAll(async () => {
    await Promise.all(opened.map((r) => r.onApplicationShutdown()));
  });

  const event = (matchId: string, sequence: number, kind: 'kick_off' | 'final_whistle' = 'kick_off'): MatchEvent => ({
    matchId,
    tournamentId: randomUUID(),
    sequence,
    minute: sequence,
    period: 1,
    kind,
    recordedBy: randomUUID(),
    recordedAt: new Date().toISOString(),
  });

  it('stores a redelivered event once, each match in its own hash keyed by sequence, with no TTL', async () => {
    const redis = await connect();
    const store = new MatchEventsStore(redis);
    const matchId = randomUUID();
    await store.add(event(matchId, 1));
    await store.add(event(matchId, 2, 'final_whistle'));
    await store.add(event(matchId, 1));
    expect((await store.list(matchId)).map((e) => e.sequence)).toEqual([1, 2]);
    const key = redis.key('match-events-by-sequence', matchId);
    expect(await redis.client.type(key)).toBe('hash');
    expect(await redis.client.hLen(key)).toBe(2);
    // No TTL: under volatile-lru, stored data is never chosen for eviction.
    expect(await redis.client.pTTL(key)).toBe(-1);
  });

  it('fails the write on a Redis error instead of writing partial state, and keeps what was stored', async () => {
    const prefix = uniqueName('ai');
    const broken = await connect(prefix);
    const matchId = randomUUID();
    const store = new MatchEventsStore(broken);
    await store.add(event(matchId, 1));
    await store.add(event(matchId, 2));
    // A failing read used to be a cache miss followed by a successful write of one event.
    await broken.client.disconnect();
    await expect(store.add(event(matchId, 3))).rejects.toThrow();
    await expect(store.list(matchId)).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', status: 503 });
    const healthy = new MatchEventsStore(await connect(prefix));
    expect((await healthy.list(matchId)).map((e) => e.sequence)).toEqual([1, 2]);
    // The redelivery after the failure stores it.
    await healthy.add(event(matchId, 3));
    expect((await healthy.list(matchId)).map((e) => e.sequence)).toEqual([1, 2, 3]);
  });

  it('removes matches whose last event is older than the retention, on a later write', async () => {
    const redis = await connect();
    let now = Date.now();
    const store = new MatchEventsStore(redis, () => now);
    const old = randomUUID();
    const recent = randomUUID();
    await store.add(event(old, 1));
    now += MATCH_EVENTS_KEEP_MS / 2;
    await store.add(event(recent, 1));
    now += MATCH_EVENTS_KEEP_MS / 2 + 1;
    await store.add(event(recent, 2));
    expect(await store.list(old)).toEqual([]);
    expect(await store.list(recent)).toHaveLength(2);
  });
});
