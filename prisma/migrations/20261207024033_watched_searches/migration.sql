-- CreateTable
CREATE TABLE "Watch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "profile" JSONB NOT NULL,
    "profileHash" TEXT NOT NULL,
    "schedule" JSONB NOT NULL,
    "feedSecret" TEXT NOT NULL,
    "emailTo" TEXT,
    "unsubscribeToken" TEXT NOT NULL,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "backoffUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Watch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WatchRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "watchId" TEXT NOT NULL,
    "slotAt" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL,
    "settledAt" DATETIME,
    CONSTRAINT "WatchRun_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WatchSeenRepository" (
    "watchId" TEXT NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "issueNumbers" JSONB NOT NULL,
    "pickedIssues" JSONB NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("watchId", "repositoryId"),
    CONSTRAINT "WatchSeenRepository_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WatchDigest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "watchId" TEXT NOT NULL,
    "watchRunId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "emailedAt" DATETIME,
    "emailError" TEXT,
    "emailAttempts" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "WatchDigest_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Watch_feedSecret_key" ON "Watch"("feedSecret");

-- CreateIndex
CREATE UNIQUE INDEX "Watch_unsubscribeToken_key" ON "Watch"("unsubscribeToken");

-- CreateIndex
CREATE INDEX "Watch_userId_createdAt_idx" ON "Watch"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WatchRun_runId_key" ON "WatchRun"("runId");

-- CreateIndex
CREATE INDEX "WatchRun_state_idx" ON "WatchRun"("state");

-- CreateIndex
CREATE UNIQUE INDEX "WatchRun_watchId_slotAt_key" ON "WatchRun"("watchId", "slotAt");

-- CreateIndex
CREATE UNIQUE INDEX "WatchDigest_watchRunId_key" ON "WatchDigest"("watchRunId");

-- CreateIndex
CREATE INDEX "WatchDigest_watchId_createdAt_idx" ON "WatchDigest"("watchId", "createdAt");

-- CreateIndex
CREATE INDEX "WatchDigest_emailedAt_idx" ON "WatchDigest"("emailedAt");
