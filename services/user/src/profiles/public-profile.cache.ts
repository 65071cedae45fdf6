import { Injectable } from '@nestjs/common';
import { AppConfig, CacheService, cacheKey } from '@prodvor/platform';
import type { UserConfig } from '../config/user.config';
import type { PublicProfileDto } from './dto/profile.dto';

/** Public profiles in Redis; every committed change invalidates the entry, the TTL bounds any race. */
@Injectable()
export class PublicProfileCache {
  private readonly ttlMs: number;

  constructor(
    private readonly cache: CacheService,
    config: AppConfig<UserConfig>,
  ) {
    this.ttlMs = config.get('PROFILE_CACHE_TTL_MS');
  }

  get(userId: string, load: () => Promise<PublicProfileDto>): Promise<PublicProfileDto> {
    return this.cache.getOrSet(cacheKey('public-profile', userId), this.ttlMs, load);
  }

  async invalidate(userId: string): Promise<void> {
    await this.cache.invalidate(cacheKey('public-profile', userId));
  }
}
