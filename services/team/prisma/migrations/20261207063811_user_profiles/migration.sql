-- CreateTable
CREATE TABLE "user_profiles" (
    "user_id" UUID NOT NULL,
    "username" TEXT,
    "display_name" TEXT,
    "avatar_media_id" UUID,
    "profile_at" TIMESTAMPTZ(3),

    CONSTRAINT "user_profiles_pkey" PRIMARY KEY ("user_id")
);

