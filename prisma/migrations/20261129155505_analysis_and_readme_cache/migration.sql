-- CreateTable
CREATE TABLE "AnalysisCacheEntry" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "repositoryId" INTEGER NOT NULL,
    "profileHash" TEXT NOT NULL,
    "analyzerKind" TEXT NOT NULL,
    "model" TEXT,
    "promptVersion" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReadmeCacheEntry" (
    "repositoryId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pushedAt" TEXT NOT NULL,
    "readme" TEXT,
    "storedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AnalysisCacheEntry_expiresAt_idx" ON "AnalysisCacheEntry"("expiresAt");
