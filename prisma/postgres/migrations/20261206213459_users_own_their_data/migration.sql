-- Profiles, runs and marks get a user. The local user is whoever uses Scout without signing in: this
-- migration creates it and gives it every row stored before (docs/api.md, "Users"). Each new column takes
-- 'local' for the rows already there, then keeps no default.

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

INSERT INTO "User" ("id", "name", "email", "emailVerified", "updatedAt")
VALUES ('local', 'Local user', 'local@scout.invalid', false, CURRENT_TIMESTAMP);

-- DropIndex
DROP INDEX "RepoMark_mark_updatedAt_idx";

-- DropIndex
DROP INDEX "RepoMark_updatedAt_repoKey_idx";

-- AlterTable
ALTER TABLE "DeveloperProfile" ADD COLUMN     "userId" TEXT NOT NULL DEFAULT 'local';
ALTER TABLE "DeveloperProfile" ALTER COLUMN "userId" DROP DEFAULT;

-- AlterTable
ALTER TABLE "RepoMark" DROP CONSTRAINT "RepoMark_pkey",
ADD COLUMN     "userId" TEXT NOT NULL DEFAULT 'local',
ADD CONSTRAINT "RepoMark_pkey" PRIMARY KEY ("userId", "repoKey");
ALTER TABLE "RepoMark" ALTER COLUMN "userId" DROP DEFAULT;

-- AlterTable
ALTER TABLE "SearchRun" ADD COLUMN     "userId" TEXT NOT NULL DEFAULT 'local';
ALTER TABLE "SearchRun" ALTER COLUMN "userId" DROP DEFAULT;

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "DeveloperProfile_userId_key" ON "DeveloperProfile"("userId");

-- CreateIndex
CREATE INDEX "RepoMark_userId_updatedAt_repoKey_idx" ON "RepoMark"("userId", "updatedAt", "repoKey");

-- CreateIndex
CREATE INDEX "RepoMark_userId_mark_updatedAt_idx" ON "RepoMark"("userId", "mark", "updatedAt");

-- CreateIndex
CREATE INDEX "SearchRun_userId_startedAt_id_idx" ON "SearchRun"("userId", "startedAt", "id");

-- AddForeignKey
ALTER TABLE "DeveloperProfile" ADD CONSTRAINT "DeveloperProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRun" ADD CONSTRAINT "SearchRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepoMark" ADD CONSTRAINT "RepoMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
