-- Notifications that reach people: browsers' Web Push subscriptions, one claim row per notification and push
-- target (a redelivered job pushes each target at most once), a `push` channel in the per-kind preferences
-- (on by default) and the IANA time zone notification times are shown in (null: UTC).

-- AlterTable
ALTER TABLE "profiles" ADD COLUMN     "time_zone" TEXT;

-- AlterTable
ALTER TABLE "notification_preferences" ADD COLUMN     "push" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "web_push_subscriptions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "web_push_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_pushes" (
    "notification_id" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_pushes_pkey" PRIMARY KEY ("notification_id","target")
);

-- CreateIndex
CREATE UNIQUE INDEX "web_push_subscriptions_endpoint_key" ON "web_push_subscriptions"("endpoint");

-- CreateIndex
CREATE INDEX "web_push_subscriptions_user_id_idx" ON "web_push_subscriptions"("user_id");

-- AddForeignKey
ALTER TABLE "notification_pushes" ADD CONSTRAINT "notification_pushes_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

