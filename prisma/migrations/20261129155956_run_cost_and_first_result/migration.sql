-- Columns added in place rather than by redefining the table, so that migrations written side by side
-- (each adding its own columns to SearchRun) cannot drop each other's.
ALTER TABLE "SearchRun" ADD COLUMN "cachedResults" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SearchRun" ADD COLUMN "llmInputTokensSaved" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SearchRun" ADD COLUMN "readmesFromCache" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SearchRun" ADD COLUMN "firstResultAt" DATETIME;
