-- Profiles, runs and marks get a user. The local user is whoever uses Scout without signing in: this
-- migration creates it and gives it every row stored before (docs/api.md, "Users").

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
-- Timestamps in the form the app's driver writes them.
INSERT INTO "User" ("id", "name", "email", "emailVerified", "createdAt", "updatedAt")
VALUES ('local', 'Local user', 'local@scout.invalid', false,
        strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DeveloperProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "languages" JSONB NOT NULL,
    "topics" JSONB NOT NULL,
    "skillLevel" TEXT NOT NULL,
    "goals" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DeveloperProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DeveloperProfile" ("userId", "createdAt", "goals", "id", "languages", "skillLevel", "topics", "updatedAt") SELECT 'local', "createdAt", "goals", "id", "languages", "skillLevel", "topics", "updatedAt" FROM "DeveloperProfile";
DROP TABLE "DeveloperProfile";
ALTER TABLE "new_DeveloperProfile" RENAME TO "DeveloperProfile";
CREATE UNIQUE INDEX "DeveloperProfile_userId_key" ON "DeveloperProfile"("userId");
CREATE TABLE "new_RepoMark" (
    "userId" TEXT NOT NULL,
    "repoKey" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "mark" TEXT NOT NULL,
    "note" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "repoKey"),
    CONSTRAINT "RepoMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RepoMark" ("userId", "fullName", "mark", "note", "repoKey", "updatedAt") SELECT 'local', "fullName", "mark", "note", "repoKey", "updatedAt" FROM "RepoMark";
DROP TABLE "RepoMark";
ALTER TABLE "new_RepoMark" RENAME TO "RepoMark";
CREATE INDEX "RepoMark_userId_updatedAt_repoKey_idx" ON "RepoMark"("userId", "updatedAt", "repoKey");
CREATE INDEX "RepoMark_userId_mark_updatedAt_idx" ON "RepoMark"("userId", "mark", "updatedAt");
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
    "firstResultAt" DATETIME,
    "profile" JSONB,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "cancelRequestedAt" DATETIME,
    CONSTRAINT "SearchRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SearchRun" ("userId", "attempts", "cachedResults", "cancelRequestedAt", "candidateIds", "clientKey", "errorMessage", "filteredOut", "filters", "finishedAt", "firstResultAt", "githubRequests", "id", "leaseExpiresAt", "leaseOwner", "llmInputTokens", "llmInputTokensSaved", "llmOutputTokens", "profile", "profileHash", "readmesFromCache", "skipped", "startedAt", "status", "totalAnalyzed", "totalDiscovered", "totalFiltered", "warnings") SELECT 'local', "attempts", "cachedResults", "cancelRequestedAt", "candidateIds", "clientKey", "errorMessage", "filteredOut", "filters", "finishedAt", "firstResultAt", "githubRequests", "id", "leaseExpiresAt", "leaseOwner", "llmInputTokens", "llmInputTokensSaved", "llmOutputTokens", "profile", "profileHash", "readmesFromCache", "skipped", "startedAt", "status", "totalAnalyzed", "totalDiscovered", "totalFiltered", "warnings" FROM "SearchRun";
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

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
