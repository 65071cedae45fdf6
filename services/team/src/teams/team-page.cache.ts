import { Injectable } from '@nestjs/common';
import { AppConfig, CacheService, cacheKey } from '@prodvor/platform';
import type { TeamConfig } from '../config/team.config';
import type { TeamPageDto } from './dto/team-page.dto';

/**
 * The public team page (team + roster) in Redis. Every committed change to a team or its roster
 * invalidates it; the short TTL bounds staleness if a page loaded just before a commit is stored after it.
 */
@Injectable()
export class TeamPageCache {
  private readonly ttlMs: number;

  constructor(
    private readonly cache: CacheService,
    config: AppConfig<TeamConfig>,
  ) {
    this.ttlMs = config.get('TEAM_PAGE_CACHE_TTL_MS');
  }

  get(teamId: string, load: () => Promise<TeamPageDto>): Promise<TeamPageDto> {
    return this.cache.getOrSet(cacheKey('team-page', teamId), this.ttlMs, load);
  }

  async invalidate(...teamIds: string[]): Promise<void> {
    await this.cache.invalidate(...teamIds.map((teamId) => cacheKey('team-page', teamId)));
  }
}
