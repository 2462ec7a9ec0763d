-- AlterTable
ALTER TABLE "AnalysisResult" ADD COLUMN "pickedIssues" JSONB;

-- CreateTable
CREATE TABLE "CandidateDetails" (
    "runId" TEXT NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "starterIssues" JSONB NOT NULL,
    "health" JSONB NOT NULL,

    PRIMARY KEY ("runId", "repositoryId"),
    CONSTRAINT "CandidateDetails_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SearchRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
