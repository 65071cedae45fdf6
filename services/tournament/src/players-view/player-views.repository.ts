import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient } from '../generated/prisma/client';

export interface PlayerProfile {
  displayName: string;
  avatarMediaId: string | null;
}

/** The local copy of user-service's public profiles (the only code that touches that table). */
@Injectable()
export class PlayerViewsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Applies a profile as of `at`; a row already holding a later profile is left as it is. */
  async applyProfile(tx: Tx, userId: string, profile: PlayerProfile, at: Date): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO player_views (user_id, display_name, avatar_media_id, profile_at)
      VALUES (${userId}::uuid, ${profile.displayName}, ${profile.avatarMediaId}::uuid, ${at})
      ON CONFLICT (user_id) DO UPDATE
        SET display_name = EXCLUDED.display_name, avatar_media_id = EXCLUDED.avatar_media_id,
            profile_at = EXCLUDED.profile_at
        WHERE player_views.profile_at <= EXCLUDED.profile_at`;
  }

  async remove(tx: Tx, userId: string): Promise<void> {
    await tx.playerView.deleteMany({ where: { userId } });
  }

  async profiles(userIds: readonly string[]): Promise<Map<string, PlayerProfile>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.prisma.playerView.findMany({ where: { userId: { in: [...userIds] } } });
    return new Map(rows.map((r) => [r.userId, { displayName: r.displayName, avatarMediaId: r.avatarMediaId }]));
  }
}
