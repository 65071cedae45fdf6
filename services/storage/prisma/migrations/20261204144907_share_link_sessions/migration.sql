-- CreateTable
CREATE TABLE "share_link_sessions" (
    "link_id" UUID NOT NULL,
    "client_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "share_link_sessions_pkey" PRIMARY KEY ("link_id","client_hash")
);

-- AddForeignKey
ALTER TABLE "share_link_sessions" ADD CONSTRAINT "share_link_sessions_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "share_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;

