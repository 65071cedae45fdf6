-- AlterTable
ALTER TABLE "matches" ADD COLUMN     "away_penalties" INTEGER,
ADD COLUMN     "home_penalties" INTEGER;

