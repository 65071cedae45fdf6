import { Injectable } from '@nestjs/common';
import type { MatchEvent } from '@prodvor/contracts';
import { CacheService, cacheKey } from '@prodvor/platform';

const KEEP_MS = 30 * 24 * 3600 * 1000;

/**
 * The match events this service keeps from `match.events.v1`, by match, keyed by sequence so a
 * redelivered event overwrites itself (idempotent). One partition per match serialises writes.
 */
@Injectable()
export class MatchEventsStore {
  constructor(private readonly cache: CacheService) {}

  async add(event: MatchEvent): Promise<void> {
    const key = cacheKey('match-events', event.matchId);
    const events = (await this.cache.get<Record<string, MatchEvent>>(key)) ?? {};
    events[String(event.sequence)] = event;
    await this.cache.set(key, events, KEEP_MS);
  }

  async list(matchId: string): Promise<MatchEvent[]> {
    const events = (await this.cache.get<Record<string, MatchEvent>>(cacheKey('match-events', matchId))) ?? {};
    return Object.values(events).sort((a, b) => a.sequence - b.sequence);
  }
}
