-- Columns added in place rather than by redefining the table (see 20261129155956_run_cost_and_first_result).
-- The profile a run scores for, and the lease and cancel request that let any worker execute or resume it.
ALTER TABLE "SearchRun" ADD COLUMN "profile" JSONB;
ALTER TABLE "SearchRun" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "SearchRun" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "SearchRun" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SearchRun" ADD COLUMN "cancelRequestedAt" DATETIME;
CREATE INDEX "SearchRun_status_leaseExpiresAt_idx" ON "SearchRun"("status", "leaseExpiresAt");
CREATE INDEX "SearchRun_status_clientKey_idx" ON "SearchRun"("status", "clientKey");
