-- CreateTable
CREATE TABLE "media_assets" (
    "media_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "media_assets_pkey" PRIMARY KEY ("media_id")
);

-- CreateIndex
CREATE INDEX "media_assets_owner_id_idx" ON "media_assets"("owner_id");

