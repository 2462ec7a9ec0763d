-- AlterTable
ALTER TABLE "SearchRun" ADD COLUMN "profileHash" TEXT;

-- CreateIndex
CREATE INDEX "SearchRun_profileHash_startedAt_id_idx" ON "SearchRun"("profileHash", "startedAt", "id");
