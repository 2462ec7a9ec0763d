-- AlterTable
ALTER TABLE "SearchRun" ADD COLUMN "filteredOut" JSONB;
