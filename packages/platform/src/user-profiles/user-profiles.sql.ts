import { publicImageLinks } from '@prodvor/contracts';
import type { SqlExecutor } from '../outbox/sql-executor';

/** What pages show of a user: the display name (else the username), and the avatar's media id. */
export interface UserProfile {
  displayName: string | null;
  avatarMediaId: string | null;
}

/** Stable anonymous links to an image's variants (see `publicImageLinks` in packages/contracts). */
export type PublicImage = ReturnType<typeof publicImageLinks>;

/** A user as a response shows them next to their id; both null while the profile is not known yet. */
export interface PersonDisplay {
  displayName: string | null;
  avatar: PublicImage | null;
}

/** Records the username an account registered with (the name shown until a display name is set). */
export async function applyRegisteredUser(tx: SqlExecutor, userId: string, username: string): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO user_profiles (user_id, username) VALUES ($1::uuid, $2)
     ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username`,
    userId,
    username,
  );
}

/**
 * Applies a profile as of `at`; a row already holding a later profile is left as it is.
 * Returns whether the row changed.
 */
export async function applyUserProfile(
  tx: SqlExecutor,
  userId: string,
  profile: { displayName: string; avatarMediaId: string | null },
  at: Date,
): Promise<boolean> {
  const changed = await tx.$executeRawUnsafe(
    `INSERT INTO user_profiles (user_id, display_name, avatar_media_id, profile_at)
     VALUES ($1::uuid, $2, $3::uuid, $4::timestamptz)
     ON CONFLICT (user_id) DO UPDATE
       SET display_name = EXCLUDED.display_name, avatar_media_id = EXCLUDED.avatar_media_id,
           profile_at = EXCLUDED.profile_at
       WHERE user_profiles.profile_at IS NULL OR user_profiles.profile_at <= EXCLUDED.profile_at`,
    userId,
    profile.displayName,
    profile.avatarMediaId,
    at.toISOString(),
  );
  return changed > 0;
}

export async function removeUserProfile(tx: SqlExecutor, userId: string): Promise<boolean> {
  return (await tx.$executeRawUnsafe('DELETE FROM user_profiles WHERE user_id = $1::uuid', userId)) > 0;
}

/** The known profiles of `userIds`, in one query. */
export async function readUserProfiles(db: SqlExecutor, userIds: readonly string[]): Promise<Map<string, UserProfile>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<{ userId: string; displayName: string | null; avatarMediaId: string | null }[]>(
    `SELECT user_id::text AS "userId", COALESCE(display_name, username) AS "displayName",
            avatar_media_id::text AS "avatarMediaId"
       FROM user_profiles WHERE user_id = ANY($1::uuid[])`,
    ids,
  );
  return new Map(rows.map((r) => [r.userId, { displayName: r.displayName, avatarMediaId: r.avatarMediaId }]));
}

/** How a known (or not yet known) profile is shown. */
export function personDisplay(profile: UserProfile | undefined): PersonDisplay {
  return {
    displayName: profile?.displayName ?? null,
    avatar: profile?.avatarMediaId ? publicImageLinks('avatar', profile.avatarMediaId) : null,
  };
}
