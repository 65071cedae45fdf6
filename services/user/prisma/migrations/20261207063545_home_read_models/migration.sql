-- CreateTable
CREATE TABLE "home_teams" (
    "team_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT,
    "logo_media_id" UUID,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "event_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "home_teams_pkey" PRIMARY KEY ("team_id")
);

-- CreateTable
CREATE TABLE "home_memberships" (
    "team_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "home_memberships_pkey" PRIMARY KEY ("team_id","user_id")
);

-- CreateTable
CREATE TABLE "home_team_events" (
    "event_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "venue_name" TEXT,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "time_zone" TEXT NOT NULL,
    "capacity" INTEGER,
    "rsvp_close_minutes" INTEGER NOT NULL,
    "rule" JSONB,
    "overrides" JSONB NOT NULL DEFAULT '[]',
    "cancelled" BOOLEAN NOT NULL,
    "series_ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "home_team_events_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "home_rsvps" (
    "event_id" UUID NOT NULL,
    "occurrence_start" TIMESTAMPTZ(3) NOT NULL,
    "user_id" UUID NOT NULL,
    "response" TEXT NOT NULL,
    "waitlisted" BOOLEAN NOT NULL,
    "event_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "home_rsvps_pkey" PRIMARY KEY ("event_id","occurrence_start","user_id")
);

-- CreateTable
CREATE TABLE "home_invitations" (
    "invitation_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,

    CONSTRAINT "home_invitations_pkey" PRIMARY KEY ("invitation_id")
);

-- CreateTable
CREATE TABLE "home_join_requests" (
    "request_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,

    CONSTRAINT "home_join_requests_pkey" PRIMARY KEY ("request_id")
);

-- CreateTable
CREATE TABLE "home_tournaments" (
    "tournament_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "event_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "home_tournaments_pkey" PRIMARY KEY ("tournament_id")
);

-- CreateTable
CREATE TABLE "home_matches" (
    "match_id" UUID NOT NULL,
    "tournament_id" UUID NOT NULL,
    "home_team_id" UUID,
    "away_team_id" UUID,
    "starts_at" TIMESTAMPTZ(3),
    "venue_id" UUID,
    "pitch" TEXT,
    "status" TEXT NOT NULL,
    "reported_by_team_id" UUID,
    "confirm_by" TIMESTAMPTZ(3),
    "home_score" INTEGER,
    "away_score" INTEGER,
    "event_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "home_matches_pkey" PRIMARY KEY ("match_id")
);

-- CreateIndex
CREATE INDEX "home_memberships_user_id_idx" ON "home_memberships"("user_id");

-- CreateIndex
CREATE INDEX "home_team_events_team_id_starts_at_idx" ON "home_team_events"("team_id", "starts_at");

-- CreateIndex
CREATE INDEX "home_rsvps_user_id_idx" ON "home_rsvps"("user_id");

-- CreateIndex
CREATE INDEX "home_invitations_user_id_status_idx" ON "home_invitations"("user_id", "status");

-- CreateIndex
CREATE INDEX "home_join_requests_team_id_status_idx" ON "home_join_requests"("team_id", "status");

-- CreateIndex
CREATE INDEX "home_join_requests_user_id_idx" ON "home_join_requests"("user_id");

-- CreateIndex
CREATE INDEX "home_matches_home_team_id_status_starts_at_idx" ON "home_matches"("home_team_id", "status", "starts_at");

-- CreateIndex
CREATE INDEX "home_matches_away_team_id_status_starts_at_idx" ON "home_matches"("away_team_id", "status", "starts_at");

