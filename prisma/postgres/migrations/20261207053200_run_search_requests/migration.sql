-- AlterTable
ALTER TABLE "SearchRun" ADD COLUMN     "searchRequests" INTEGER NOT NULL DEFAULT 0;
