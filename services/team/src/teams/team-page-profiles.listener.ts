import { Injectable } from '@nestjs/common';
import type { UserProfileListener } from '@prodvor/platform';
import { TeamPageCache } from './team-page.cache';
import { TeamsRepository } from './teams.repository';

/** A member's new name or avatar shows on their teams' cached pages at once, not when the entries expire. */
@Injectable()
export class TeamPageProfilesListener implements UserProfileListener {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly pageCache: TeamPageCache,
  ) {}

  async profileChanged(userId: string): Promise<void> {
    const teamIds = await this.teams.idsWithMember(userId);
    if (teamIds.length > 0) await this.pageCache.invalidate(...teamIds);
  }
}
