-- CreateTable
CREATE TABLE "team_ratings" (
    "team_id" UUID NOT NULL,
    "rating" INTEGER NOT NULL,
    "matches_rated" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_ratings_pkey" PRIMARY KEY ("team_id")
);

-- CreateTable
CREATE TABLE "rating_changes" (
    "match_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "opponent_id" UUID NOT NULL,
    "goals_for" INTEGER NOT NULL,
    "goals_against" INTEGER NOT NULL,
    "forfeit" BOOLEAN NOT NULL DEFAULT false,
    "delta" INTEGER NOT NULL,
    "rating_before" INTEGER NOT NULL,
    "rating_after" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rating_changes_pkey" PRIMARY KEY ("match_id","team_id")
);

-- CreateIndex
CREATE INDEX "team_ratings_rating_idx" ON "team_ratings"("rating");

-- CreateIndex
CREATE INDEX "rating_changes_team_id_created_at_idx" ON "rating_changes"("team_id", "created_at");

-- AddForeignKey
ALTER TABLE "rating_changes" ADD CONSTRAINT "rating_changes_match_id_fkey" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

