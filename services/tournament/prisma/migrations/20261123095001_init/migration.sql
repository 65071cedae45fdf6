-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "tournament_status" AS ENUM ('registration', 'in_progress', 'finished', 'cancelled');

-- CreateEnum
CREATE TYPE "registration_status" AS ENUM ('pending', 'approved', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "match_status" AS ENUM ('pending', 'scheduled', 'live', 'finished', 'confirmed', 'disputed', 'forfeited', 'postponed', 'cancelled');

-- CreateTable
CREATE TABLE "tournaments" (
    "id" UUID NOT NULL,
    "organizer_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "sport_format" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "status" "tournament_status" NOT NULL DEFAULT 'registration',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "registration_opens_at" TIMESTAMPTZ(3) NOT NULL,
    "registration_closes_at" TIMESTAMPTZ(3) NOT NULL,
    "check_in_required" BOOLEAN NOT NULL DEFAULT false,
    "min_teams" INTEGER NOT NULL,
    "max_teams" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "venues" JSONB NOT NULL DEFAULT '[]',
    "lots" JSONB NOT NULL DEFAULT '{}',
    "bracket" JSONB,
    "swiss_byes" JSONB NOT NULL DEFAULT '[]',
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tournaments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registrations" (
    "id" UUID NOT NULL,
    "tournament_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "status" "registration_status" NOT NULL DEFAULT 'pending',
    "registered_by" UUID NOT NULL,
    "seed" INTEGER,
    "group_name" TEXT,
    "checked_in_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "matches" (
    "id" UUID NOT NULL,
    "tournament_id" UUID NOT NULL,
    "fixture_key" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "leg" INTEGER,
    "group_name" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "home_team_id" UUID,
    "away_team_id" UUID,
    "status" "match_status" NOT NULL,
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "venue_id" TEXT,
    "pitch_id" TEXT,
    "referee_id" UUID,
    "home_score" INTEGER,
    "away_score" INTEGER,
    "winner_team_id" UUID,
    "forfeited_by" UUID,
    "reported_by" UUID,
    "reported_at" TIMESTAMPTZ(3),
    "confirm_by" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),
    "disputed_by" UUID,
    "dispute_reason" TEXT,
    "last_sequence" INTEGER NOT NULL DEFAULT 0,
    "reminder_sent_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "matches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match_events" (
    "match_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "event_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "period" INTEGER NOT NULL,
    "team_id" UUID,
    "player_id" UUID,
    "assist_id" UUID,
    "player_in_id" UUID,
    "own_goal" BOOLEAN NOT NULL DEFAULT false,
    "penalty" BOOLEAN NOT NULL DEFAULT false,
    "corrects_sequence" INTEGER,
    "reason" TEXT,
    "recorded_by" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "idempotency_key" TEXT,

    CONSTRAINT "match_events_pkey" PRIMARY KEY ("match_id","sequence")
);

-- CreateTable
CREATE TABLE "match_lineups" (
    "match_id" UUID NOT NULL,
    "player_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "goalkeeper" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "match_lineups_pkey" PRIMARY KEY ("match_id","player_id")
);

-- CreateTable
CREATE TABLE "team_views" (
    "team_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_views_pkey" PRIMARY KEY ("team_id")
);

-- CreateTable
CREATE TABLE "team_member_views" (
    "team_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "team_member_views_pkey" PRIMARY KEY ("team_id","user_id")
);

-- CreateTable
CREATE TABLE "pending_notifications" (
    "id" UUID NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_events" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_events_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateIndex
CREATE INDEX "tournaments_visibility_starts_at_id_idx" ON "tournaments"("visibility", "starts_at", "id");

-- CreateIndex
CREATE INDEX "tournaments_organizer_id_id_idx" ON "tournaments"("organizer_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "tournaments_organizer_id_idempotency_key_key" ON "tournaments"("organizer_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "registrations_team_id_idx" ON "registrations"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "registrations_tournament_id_team_id_key" ON "registrations"("tournament_id", "team_id");

-- CreateIndex
CREATE INDEX "matches_tournament_id_starts_at_id_idx" ON "matches"("tournament_id", "starts_at", "id");

-- CreateIndex
CREATE INDEX "matches_home_team_id_starts_at_idx" ON "matches"("home_team_id", "starts_at");

-- CreateIndex
CREATE INDEX "matches_away_team_id_starts_at_idx" ON "matches"("away_team_id", "starts_at");

-- CreateIndex
CREATE INDEX "matches_status_confirm_by_idx" ON "matches"("status", "confirm_by");

-- CreateIndex
CREATE INDEX "matches_status_starts_at_idx" ON "matches"("status", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "matches_tournament_id_fixture_key_key" ON "matches"("tournament_id", "fixture_key");

-- CreateIndex
CREATE UNIQUE INDEX "match_events_event_id_key" ON "match_events"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "match_events_match_id_idempotency_key_key" ON "match_events"("match_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "team_member_views_user_id_idx" ON "team_member_views"("user_id");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_id_idx" ON "outbox_events"("published_at", "id");

-- AddForeignKey
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_tournament_id_fkey" FOREIGN KEY ("tournament_id") REFERENCES "tournaments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matches" ADD CONSTRAINT "matches_tournament_id_fkey" FOREIGN KEY ("tournament_id") REFERENCES "tournaments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_match_id_fkey" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match_lineups" ADD CONSTRAINT "match_lineups_match_id_fkey" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_member_views" ADD CONSTRAINT "team_member_views_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team_views"("team_id") ON DELETE CASCADE ON UPDATE CASCADE;

