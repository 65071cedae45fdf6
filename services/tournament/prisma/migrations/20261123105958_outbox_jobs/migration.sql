-- Queued notifications move to the platform job outbox (outbox_jobs). The table being dropped was never
-- part of a release, so there are no queued rows to carry over.
-- DropTable
DROP TABLE "pending_notifications";

-- CreateTable
CREATE TABLE "outbox_jobs" (
    "id" UUID NOT NULL,
    "exchange" TEXT NOT NULL,
    "routing_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_jobs_pkey" PRIMARY KEY ("id")
);

