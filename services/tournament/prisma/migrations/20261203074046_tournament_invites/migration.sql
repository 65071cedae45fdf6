-- CreateTable
CREATE TABLE "tournament_invites" (
    "id" UUID NOT NULL,
    "tournament_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tournament_invites_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tournament_invites_code_hash_key" ON "tournament_invites"("code_hash");

-- CreateIndex
CREATE INDEX "tournament_invites_tournament_id_idx" ON "tournament_invites"("tournament_id");

-- AddForeignKey
ALTER TABLE "tournament_invites" ADD CONSTRAINT "tournament_invites_tournament_id_fkey" FOREIGN KEY ("tournament_id") REFERENCES "tournaments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

