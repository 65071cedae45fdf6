import { Injectable } from '@nestjs/common';
import { AppConfig, CacheService, cacheKey } from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';

/**
 * Public read models of one tournament (standings, bracket, leaderboards, fixtures) cached in one scope,
 * dropped as a whole after every committed change to the tournament. A repeated read is answered in
 * process (the platform's in-process tier, kept current over Redis pub/sub) without a Redis round trip;
 * the values are shared between reads, so nothing here or in the callers may mutate them.
 */
@Injectable()
export class TournamentCache {
  constructor(
    private readonly cache: CacheService,
    private readonly config: AppConfig<TournamentConfig>,
  ) {}

  read<T>(tournamentId: string, view: string, load: () => Promise<T>): Promise<T> {
    return this.cache.getOrSetInScope(
      cacheKey('t', tournamentId),
      view,
      this.config.get('TOURNAMENT_CACHE_TTL_MS'),
      load,
    );
  }

  async invalidate(tournamentId: string): Promise<void> {
    await this.cache.invalidateScope(cacheKey('t', tournamentId));
  }
}
