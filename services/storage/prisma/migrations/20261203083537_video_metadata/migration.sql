-- AlterTable
ALTER TABLE "media" ADD COLUMN     "duration_ms" INTEGER,
ADD COLUMN     "video_codec" TEXT;

