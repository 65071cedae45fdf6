/**
 * Tables every service that publishes or consumes domain events has. Services keep the same
 * definitions in their Prisma schema (`outbox.prisma.txt`), so `prisma migrate diff` creates them.
 */
export const OUTBOX_INBOX_DDL = `
CREATE TABLE IF NOT EXISTS "outbox_events" (
  "id" UUID NOT NULL,
  "topic" TEXT NOT NULL,
  "key" TEXT NOT NULL,
  "payload" JSONB NOT NULL,
  "headers" JSONB NOT NULL DEFAULT '{}',
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "published_at" TIMESTAMPTZ(3),
  CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "outbox_events_published_at_id_idx" ON "outbox_events"("published_at", "id");
CREATE TABLE IF NOT EXISTS "inbox_events" (
  "consumer" TEXT NOT NULL,
  "event_id" UUID NOT NULL,
  "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "inbox_events_pkey" PRIMARY KEY ("consumer", "event_id")
);
CREATE TABLE IF NOT EXISTS "outbox_jobs" (
  "id" UUID NOT NULL,
  "exchange" TEXT NOT NULL,
  "routing_key" TEXT NOT NULL,
  "payload" JSONB NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "outbox_jobs_pkey" PRIMARY KEY ("id")
);
`;
