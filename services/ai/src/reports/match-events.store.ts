import { Injectable } from '@nestjs/common';
import type { MatchEvent } from '@prodvor/contracts';
import { DomainError, PlatformErrorCode, RedisStore } from '@prodvor/platform';

/** A match whose last event is older than this is removed (the report cache has expired long before). */
export const MATCH_EVENTS_KEEP_MS = 30 * 24 * 3600 * 1000;
const PRUNE_BATCH = 20;

/**
 * Deletes (atomically, so an event arriving meanwhile is never deleted with them) the hashes of
 * matches whose last event is older than the cutoff. KEYS[1]: the index; ARGV: cutoff, batch size.
 */
const PRUNE_SCRIPT = `
local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, key in ipairs(stale) do
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[1], key)
end
return #stale`;

/**
 * The match events this service keeps from `match.events.v1`: one Redis hash per match, field = the
 * event's sequence, so a redelivered event writes its own field again (idempotent) and a write never
 * depends on a read. The hashes have no TTL — under the compose Redis's `volatile-lru` only keys with
 * a TTL (caches) can be evicted — and retention is an index of matches by last write, pruned on write.
 * Redis errors propagate: the consumer retries, then dead-letters, instead of storing partial state.
 */
@Injectable()
export class MatchEventsStore {
  private readonly index: string;

  constructor(
    private readonly redis: RedisStore,
    private readonly now: () => number = Date.now,
  ) {
    this.index = redis.key('match-events-index');
  }

  private key(matchId: string): string {
    return this.redis.key('match-events-by-sequence', matchId);
  }

  async add(event: MatchEvent): Promise<void> {
    const key = this.key(event.matchId);
    await this.redis.client
      .multi()
      .hSet(key, String(event.sequence), JSON.stringify(event))
      .zAdd(this.index, { score: this.now(), value: key })
      .exec();
    await this.redis.client.eval(PRUNE_SCRIPT, {
      keys: [this.index],
      arguments: [String(this.now() - MATCH_EVENTS_KEEP_MS), String(PRUNE_BATCH)],
    });
  }

  /** The match's events in sequence order; 503 `DEPENDENCY_UNAVAILABLE` when Redis does not answer. */
  async list(matchId: string): Promise<MatchEvent[]> {
    let stored: Record<string, string>;
    try {
      stored = await this.redis.client.hGetAll(this.key(matchId));
    } catch {
      throw new DomainError(PlatformErrorCode.DEPENDENCY_UNAVAILABLE, 503, 'Match events cannot be read right now');
    }
    return Object.values(stored)
      .map((json) => JSON.parse(json) as MatchEvent)
      .sort((a, b) => a.sequence - b.sequence);
  }
}
