-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SearchRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "clientKey" TEXT,
    "totalDiscovered" INTEGER NOT NULL DEFAULT 0,
    "totalFiltered" INTEGER NOT NULL DEFAULT 0,
    "totalAnalyzed" INTEGER NOT NULL DEFAULT 0,
    "candidateIds" JSONB NOT NULL,
    "skipped" JSONB NOT NULL,
    "warnings" JSONB NOT NULL,
    "filteredOut" JSONB,
    "candidateLanes" JSONB,
    "profileHash" TEXT,
    "githubRequests" INTEGER NOT NULL DEFAULT 0,
    "llmInputTokens" INTEGER NOT NULL DEFAULT 0,
    "llmOutputTokens" INTEGER NOT NULL DEFAULT 0,
    "errorMessage" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "cachedResults" INTEGER NOT NULL DEFAULT 0,
    "llmInputTokensSaved" INTEGER NOT NULL DEFAULT 0,
    "readmesFromCache" INTEGER NOT NULL DEFAULT 0,
    "searchRequests" INTEGER NOT NULL DEFAULT 0,
    "firstResultAt" DATETIME,
    "profile" JSONB,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "cancelRequestedAt" DATETIME,
    CONSTRAINT "SearchRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SearchRun" ("attempts", "cachedResults", "cancelRequestedAt", "candidateIds", "candidateLanes", "clientKey", "errorMessage", "filteredOut", "filters", "finishedAt", "firstResultAt", "githubRequests", "id", "leaseExpiresAt", "leaseOwner", "llmInputTokens", "llmInputTokensSaved", "llmOutputTokens", "profile", "profileHash", "readmesFromCache", "skipped", "startedAt", "status", "totalAnalyzed", "totalDiscovered", "totalFiltered", "userId", "warnings") SELECT "attempts", "cachedResults", "cancelRequestedAt", "candidateIds", "candidateLanes", "clientKey", "errorMessage", "filteredOut", "filters", "finishedAt", "firstResultAt", "githubRequests", "id", "leaseExpiresAt", "leaseOwner", "llmInputTokens", "llmInputTokensSaved", "llmOutputTokens", "profile", "profileHash", "readmesFromCache", "skipped", "startedAt", "status", "totalAnalyzed", "totalDiscovered", "totalFiltered", "userId", "warnings" FROM "SearchRun";
DROP TABLE "SearchRun";
ALTER TABLE "new_SearchRun" RENAME TO "SearchRun";
CREATE INDEX "SearchRun_userId_startedAt_id_idx" ON "SearchRun"("userId", "startedAt", "id");
CREATE INDEX "SearchRun_startedAt_id_idx" ON "SearchRun"("startedAt", "id");
CREATE INDEX "SearchRun_status_idx" ON "SearchRun"("status");
CREATE INDEX "SearchRun_profileHash_startedAt_id_idx" ON "SearchRun"("profileHash", "startedAt", "id");
CREATE INDEX "SearchRun_status_leaseExpiresAt_idx" ON "SearchRun"("status", "leaseExpiresAt");
CREATE INDEX "SearchRun_status_clientKey_idx" ON "SearchRun"("status", "clientKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
