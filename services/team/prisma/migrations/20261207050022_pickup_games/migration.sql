-- CreateTable
CREATE TABLE "team_event_sides" (
    "event_id" UUID NOT NULL,
    "occurrence_start" TIMESTAMPTZ(3) NOT NULL,
    "user_id" UUID NOT NULL,
    "side" CHAR(1) NOT NULL,
    "skill" SMALLINT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_event_sides_pkey" PRIMARY KEY ("event_id","occurrence_start","user_id")
);

-- CreateTable
CREATE TABLE "team_event_results" (
    "event_id" UUID NOT NULL,
    "occurrence_start" TIMESTAMPTZ(3) NOT NULL,
    "team_id" UUID NOT NULL,
    "side_a_score" SMALLINT NOT NULL,
    "side_b_score" SMALLINT NOT NULL,
    "scorers" JSONB NOT NULL,
    "recorded_by" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_event_results_pkey" PRIMARY KEY ("event_id","occurrence_start")
);

-- CreateTable
CREATE TABLE "team_pickup_skills" (
    "team_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "skill" SMALLINT NOT NULL,
    "updated_by" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_pickup_skills_pkey" PRIMARY KEY ("team_id","user_id")
);

-- CreateIndex
CREATE INDEX "team_event_sides_user_id_idx" ON "team_event_sides"("user_id");

-- CreateIndex
CREATE INDEX "team_event_results_team_id_idx" ON "team_event_results"("team_id");

-- AddForeignKey
ALTER TABLE "team_event_sides" ADD CONSTRAINT "team_event_sides_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "team_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_event_results" ADD CONSTRAINT "team_event_results_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "team_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

