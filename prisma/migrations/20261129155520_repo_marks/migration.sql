-- CreateTable
CREATE TABLE "RepoMark" (
    "repoKey" TEXT NOT NULL PRIMARY KEY,
    "fullName" TEXT NOT NULL,
    "mark" TEXT NOT NULL,
    "note" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "RepoMark_updatedAt_repoKey_idx" ON "RepoMark"("updatedAt", "repoKey");

-- CreateIndex
CREATE INDEX "RepoMark_mark_updatedAt_idx" ON "RepoMark"("mark", "updatedAt");
