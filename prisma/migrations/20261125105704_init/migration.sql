-- CreateTable
CREATE TABLE "DeveloperProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "languages" JSONB NOT NULL,
    "topics" JSONB NOT NULL,
    "skillLevel" TEXT NOT NULL,
    "goals" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SearchRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "clientKey" TEXT,
    "totalDiscovered" INTEGER NOT NULL DEFAULT 0,
    "totalFiltered" INTEGER NOT NULL DEFAULT 0,
    "totalAnalyzed" INTEGER NOT NULL DEFAULT 0,
    "candidateIds" JSONB NOT NULL,
    "skipped" JSONB NOT NULL,
    "warnings" JSONB NOT NULL,
    "githubRequests" INTEGER NOT NULL DEFAULT 0,
    "llmInputTokens" INTEGER NOT NULL DEFAULT 0,
    "llmOutputTokens" INTEGER NOT NULL DEFAULT 0,
    "errorMessage" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Repository" (
    "githubId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "owner" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "primaryLanguage" TEXT,
    "languages" JSONB NOT NULL,
    "stars" INTEGER NOT NULL,
    "forks" INTEGER NOT NULL,
    "openIssues" INTEGER NOT NULL,
    "topics" JSONB NOT NULL,
    "license" TEXT,
    "pushedAt" DATETIME,
    "repoCreatedAt" DATETIME,
    "goodFirstIssues" INTEGER NOT NULL,
    "helpWantedIssues" INTEGER NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AnalysisResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "fitScore" REAL NOT NULL,
    "reason" TEXT NOT NULL,
    "contributions" JSONB NOT NULL,
    "reject" BOOLEAN NOT NULL,
    "rejectReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnalysisResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SearchRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AnalysisResult_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository" ("githubId") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SearchRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SearchRun_startedAt_id_idx" ON "SearchRun"("startedAt", "id");

-- CreateIndex
CREATE INDEX "SearchRun_status_idx" ON "SearchRun"("status");

-- CreateIndex
CREATE INDEX "Repository_fullName_idx" ON "Repository"("fullName");

-- CreateIndex
CREATE INDEX "Repository_lastSeenAt_idx" ON "Repository"("lastSeenAt");

-- CreateIndex
CREATE INDEX "AnalysisResult_repositoryId_idx" ON "AnalysisResult"("repositoryId");

-- CreateIndex
CREATE INDEX "AnalysisResult_runId_fitScore_idx" ON "AnalysisResult"("runId", "fitScore");

-- CreateIndex
CREATE UNIQUE INDEX "AnalysisResult_runId_repositoryId_key" ON "AnalysisResult"("runId", "repositoryId");

-- CreateIndex
CREATE UNIQUE INDEX "RunEvent_runId_seq_key" ON "RunEvent"("runId", "seq");
