-- AlterTable
ALTER TABLE "team_views" ADD COLUMN     "logo_media_id" UUID;

-- CreateTable
CREATE TABLE "player_views" (
    "user_id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "avatar_media_id" UUID,
    "profile_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "player_views_pkey" PRIMARY KEY ("user_id")
);

