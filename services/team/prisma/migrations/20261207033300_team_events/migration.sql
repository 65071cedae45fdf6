-- CreateEnum
CREATE TYPE "team_event_kind" AS ENUM ('training', 'pickup', 'friendly');

-- CreateEnum
CREATE TYPE "rsvp_response" AS ENUM ('yes', 'no', 'maybe');

-- CreateTable
CREATE TABLE "team_events" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "kind" "team_event_kind" NOT NULL,
    "title" TEXT NOT NULL,
    "venue_name" TEXT,
    "venue_address" TEXT,
    "notes" TEXT,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "time_zone" TEXT NOT NULL,
    "capacity" INTEGER,
    "rsvp_close_minutes" INTEGER NOT NULL DEFAULT 0,
    "reminder_minutes" INTEGER,
    "repeat_weekdays" SMALLINT[],
    "repeat_interval_weeks" INTEGER NOT NULL DEFAULT 1,
    "repeat_until" DATE,
    "repeat_count" INTEGER,
    "skipped_dates" DATE[],
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "team_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team_event_overrides" (
    "event_id" UUID NOT NULL,
    "occurrence_start" TIMESTAMPTZ(3) NOT NULL,
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_event_overrides_pkey" PRIMARY KEY ("event_id","occurrence_start")
);

-- CreateTable
CREATE TABLE "team_event_rsvps" (
    "event_id" UUID NOT NULL,
    "occurrence_start" TIMESTAMPTZ(3) NOT NULL,
    "user_id" UUID NOT NULL,
    "response" "rsvp_response" NOT NULL,
    "waitlisted" BOOLEAN NOT NULL DEFAULT false,
    "responded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_event_rsvps_pkey" PRIMARY KEY ("event_id","occurrence_start","user_id")
);

-- CreateTable
CREATE TABLE "team_event_attendance" (
    "event_id" UUID NOT NULL,
    "occurrence_start" TIMESTAMPTZ(3) NOT NULL,
    "user_id" UUID NOT NULL,
    "present" BOOLEAN NOT NULL,
    "recorded_by" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_event_attendance_pkey" PRIMARY KEY ("event_id","occurrence_start","user_id")
);

-- CreateTable
CREATE TABLE "calendar_feed_tokens" (
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "calendar_feed_tokens_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "team_event_reminders_sent" (
    "event_id" UUID NOT NULL,
    "occurrence_start" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_event_reminders_sent_pkey" PRIMARY KEY ("event_id","occurrence_start")
);

-- CreateIndex
CREATE INDEX "team_events_team_id_starts_at_idx" ON "team_events"("team_id", "starts_at");

-- CreateIndex
CREATE INDEX "team_event_rsvps_user_id_idx" ON "team_event_rsvps"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feed_tokens_token_hash_key" ON "calendar_feed_tokens"("token_hash");

-- AddForeignKey
ALTER TABLE "team_events" ADD CONSTRAINT "team_events_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_event_overrides" ADD CONSTRAINT "team_event_overrides_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "team_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_event_rsvps" ADD CONSTRAINT "team_event_rsvps_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "team_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_event_attendance" ADD CONSTRAINT "team_event_attendance_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "team_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (Prisma cannot express checks or partial indexes; see the note in schema.prisma).
ALTER TABLE "team_events" ADD CONSTRAINT "team_events_times_check" CHECK ("ends_at" > "starts_at");
ALTER TABLE "team_events" ADD CONSTRAINT "team_events_capacity_check" CHECK ("capacity" IS NULL OR "capacity" > 0);
ALTER TABLE "team_events" ADD CONSTRAINT "team_events_rule_check"
  CHECK ("repeat_interval_weeks" BETWEEN 1 AND 52 AND ("repeat_count" IS NULL OR "repeat_count" > 0));
-- The waitlist of one occurrence, in order.
CREATE INDEX "team_event_rsvps_waitlist_idx" ON "team_event_rsvps"("event_id", "occurrence_start", "responded_at")
  WHERE "waitlisted";
