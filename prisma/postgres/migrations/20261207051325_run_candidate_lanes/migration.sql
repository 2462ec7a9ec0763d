-- AlterTable
ALTER TABLE "SearchRun" ADD COLUMN     "candidateLanes" JSONB;
