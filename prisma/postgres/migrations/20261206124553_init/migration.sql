-- CreateTable
CREATE TABLE "DeveloperProfile" (
    "id" TEXT NOT NULL,
    "languages" JSONB NOT NULL,
    "topics" JSONB NOT NULL,
    "skillLevel" TEXT NOT NULL,
    "goals" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeveloperProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchRun" (
    "id" TEXT NOT NULL,
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
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "cachedResults" INTEGER NOT NULL DEFAULT 0,
    "llmInputTokensSaved" INTEGER NOT NULL DEFAULT 0,
    "readmesFromCache" INTEGER NOT NULL DEFAULT 0,
    "firstResultAt" TIMESTAMP(3),
    "profile" JSONB,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "cancelRequestedAt" TIMESTAMP(3),

    CONSTRAINT "SearchRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Repository" (
    "githubId" INTEGER NOT NULL,
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
    "pushedAt" TIMESTAMP(3),
    "repoCreatedAt" TIMESTAMP(3),
    "goodFirstIssues" INTEGER NOT NULL,
    "helpWantedIssues" INTEGER NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Repository_pkey" PRIMARY KEY ("githubId")
);

-- CreateTable
CREATE TABLE "AnalysisResult" (
    "id" SERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "fitScore" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "contributions" JSONB NOT NULL,
    "reject" BOOLEAN NOT NULL,
    "rejectReason" TEXT,
    "pickedIssues" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalysisResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateDetails" (
    "runId" TEXT NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "starterIssues" JSONB NOT NULL,
    "health" JSONB NOT NULL,

    CONSTRAINT "CandidateDetails_pkey" PRIMARY KEY ("runId","repositoryId")
);

-- CreateTable
CREATE TABLE "RunEvent" (
    "id" SERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnalysisCacheEntry" (
    "key" TEXT NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "profileHash" TEXT NOT NULL,
    "analyzerKind" TEXT NOT NULL,
    "model" TEXT,
    "promptVersion" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalysisCacheEntry_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ReadmeCacheEntry" (
    "repositoryId" INTEGER NOT NULL,
    "pushedAt" TEXT NOT NULL,
    "readme" TEXT,
    "storedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReadmeCacheEntry_pkey" PRIMARY KEY ("repositoryId")
);

-- CreateTable
CREATE TABLE "RepoMark" (
    "repoKey" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "mark" TEXT NOT NULL,
    "note" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RepoMark_pkey" PRIMARY KEY ("repoKey")
);

-- CreateIndex
CREATE INDEX "SearchRun_startedAt_id_idx" ON "SearchRun"("startedAt", "id");

-- CreateIndex
CREATE INDEX "SearchRun_status_idx" ON "SearchRun"("status");

-- CreateIndex
CREATE INDEX "SearchRun_profileHash_startedAt_id_idx" ON "SearchRun"("profileHash", "startedAt", "id");

-- CreateIndex
CREATE INDEX "SearchRun_status_leaseExpiresAt_idx" ON "SearchRun"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "SearchRun_status_clientKey_idx" ON "SearchRun"("status", "clientKey");

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

-- CreateIndex
CREATE INDEX "AnalysisCacheEntry_expiresAt_idx" ON "AnalysisCacheEntry"("expiresAt");

-- CreateIndex
CREATE INDEX "RepoMark_updatedAt_repoKey_idx" ON "RepoMark"("updatedAt", "repoKey");

-- CreateIndex
CREATE INDEX "RepoMark_mark_updatedAt_idx" ON "RepoMark"("mark", "updatedAt");

-- AddForeignKey
ALTER TABLE "AnalysisResult" ADD CONSTRAINT "AnalysisResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SearchRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalysisResult" ADD CONSTRAINT "AnalysisResult_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("githubId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateDetails" ADD CONSTRAINT "CandidateDetails_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SearchRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEvent" ADD CONSTRAINT "RunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SearchRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
