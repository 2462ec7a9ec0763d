import type { Db } from "@/server/db/client";
import { readStored, runOrigin } from "@/server/db/stored-json";
import type { Logger } from "@/server/logger";
import { analysisResultSelect, toAnalysisResult } from "@/server/repos/analysis-records";
import type { AnalysisResult } from "@/shared/analysis";
import { searchFiltersSchema, type SearchFilters } from "@/shared/filters";
import { profileInputSchema, type CleanProfileInput } from "@/shared/profile";
import type { Usage } from "@/shared/runs";
import { runUsageSelect, toUsage } from "./run-row";

/**
 * What an executor needs to run a stored search: the filters and the profile it was started with, and, when
 * an earlier attempt died part-way (attempt > 1), what that attempt already stored, so the new attempt
 * continues the log and spends nothing again on the repositories already analyzed.
 */
export type RunToExecute = {
  /** Whose run: the pipeline leaves out what they marked not interested. */
  userId: string;
  filters: SearchFilters;
  /** The profile snapshot taken when the search started; null for runs stored before snapshots existed. */
  profile: CleanProfileInput | null;
  /** 1 for the first attempt; more when a worker died and this one resumes the run. */
  attempt: number;
  /** The last stored event's sequence number; the next event follows it. */
  lastSeq: number;
  /** From earlier attempts: their analyses, spending and first result. */
  earlier: { results: AnalysisResult[]; usage: Required<Usage>; firstResultAt: Date | null };
};

export async function readRunToExecute({
  db,
  logger,
  runId,
}: {
  db: Db;
  logger: Logger;
  runId: string;
}): Promise<RunToExecute | null> {
  const run = await db.searchRun.findUnique({
    where: { id: runId },
    select: {
      userId: true,
      filters: true,
      profile: true,
      attempts: true,
      ...runUsageSelect,
      firstResultAt: true,
    },
  });
  if (!run) return null;
  const origin = runOrigin(logger, runId);
  const filters = readStored(searchFiltersSchema, run.filters, origin("filters"));
  if (!filters) return null;
  const profile =
    run.profile === null ? null : readStored(profileInputSchema, run.profile, origin("profile"));
  const last = await db.runEvent.findFirst({
    where: { runId },
    orderBy: { seq: "desc" },
    select: { seq: true },
  });
  const resumed = run.attempts > 1;
  const resultRows = resumed
    ? await db.analysisResult.findMany({
        where: { runId },
        orderBy: { id: "asc" },
        select: analysisResultSelect,
      })
    : [];
  return {
    userId: run.userId,
    filters,
    profile,
    attempt: Math.max(1, run.attempts),
    lastSeq: last?.seq ?? 0,
    earlier: {
      results: resultRows.map((row) => toAnalysisResult(row, origin)),
      usage: toUsage(run),
      firstResultAt: run.firstResultAt,
    },
  };
}
