-- player_views becomes the platform's user_profiles read model (packages/platform/src/user-profiles):
-- renamed, not dropped, so the names and avatars already copied stay; the username (from
-- user.registered) is new, and a row may now hold only a username (no profile event yet).
ALTER TABLE "player_views" RENAME TO "user_profiles";
ALTER TABLE "user_profiles" RENAME CONSTRAINT "player_views_pkey" TO "user_profiles_pkey";
ALTER TABLE "user_profiles" ADD COLUMN "username" TEXT,
  ALTER COLUMN "display_name" DROP NOT NULL,
  ALTER COLUMN "profile_at" DROP NOT NULL;
