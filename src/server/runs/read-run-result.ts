import { z } from "zod";
import type { Db } from "@/server/db/client";
import { holdsNulChar } from "@/server/db/storable-text";
import { readStored, readStoredStringList, runOrigin } from "@/server/db/stored-json";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import {
  analysisResultSelect,
  candidateDetailsSelect,
  readCandidateDetails,
  toAnalysisResult,
} from "@/server/repos/analysis-records";
import { repositorySelect, toRepoMetadata } from "@/server/repos/repo-records";
import { searchFiltersSchema } from "@/shared/filters";
import {
  FILTERED_OUT_MAX,
  filteredOutSchema,
  type RunAnalysisResult,
  type RunStatus,
  type ScoutSearchResult,
} from "@/shared/runs";
import { readCandidateLanes } from "./candidate-lanes";
import { findAnalyzedBefore } from "./new-since-last-run";
import { visibleRun, type RunAccess } from "./run-access";
import { readStoredStatus, runSelect, toUsage } from "./run-row";

/**
 * Reading a run back: its status, and its result as stored. The developer's marks are not part of a run;
 * the result as the API serves it adds them (pipeline/get-run-result.ts).
 */

const storedIdsSchema = z.array(z.number().int());
const storedFilteredOutSchema = z.array(filteredOutSchema);

/** What reading one run takes: another user's run reads as unknown (run-access.ts). */
export type ReadRunOptions = { db: Db; logger: Logger; runId: string; access: RunAccess };

/** The run's result with everything a run stores (`rejected` is always there), and whose run it is. */
export type StoredRunResult = ScoutSearchResult & { rejected: RunAnalysisResult[]; userId: string };

export async function getRunStatus({ db, logger, runId, access }: ReadRunOptions): Promise<RunStatus | null> {
  // An id PostgreSQL would refuse to compare with names no run (see holdsNulChar).
  if (holdsNulChar(runId)) return null;
  const row = await db.searchRun.findFirst({ where: visibleRun(runId, access), select: { status: true } });
  return row ? readStoredStatus(row.status, runOrigin(logger, runId)("status")) : null;
}

function notFound(runId: string): AppError {
  return new AppError("NOT_FOUND", `No search run with id ${JSON.stringify(runId.slice(0, 100))}`);
}

/** The run as stored: also mid-run, with what exists so far. Throws NOT_FOUND (AppError) for an unknown run. */
export async function readRunResult({ db, logger, runId, access }: ReadRunOptions): Promise<StoredRunResult> {
  // As in getRunStatus.
  if (holdsNulChar(runId)) throw notFound(runId);
  const run = await db.searchRun.findFirst({ where: visibleRun(runId, access), select: runSelect });
  if (!run) throw notFound(runId);
  const origin = runOrigin(logger, run.id);
  const candidateIds = readStored(storedIdsSchema, run.candidateIds, origin("candidateIds")) ?? [];
  const [resultRows, repoRows, detailRows] = await Promise.all([
    db.analysisResult.findMany({
      where: { runId },
      orderBy: [{ fitScore: "desc" }, { id: "asc" }],
      select: { ...analysisResultSelect, repositoryId: true },
    }),
    db.repository.findMany({ where: { githubId: { in: candidateIds } }, select: repositorySelect }),
    db.candidateDetails.findMany({ where: { runId }, select: candidateDetailsSelect }),
  ]);
  const analyzedBefore = await findAnalyzedBefore({
    db,
    run,
    repositoryIds: resultRows.map((row) => row.repositoryId),
  });
  const detailsById = new Map(detailRows.map((row) => [row.repositoryId, readCandidateDetails(row, origin)]));
  const lanesById = readCandidateLanes(run.candidateLanes, origin("candidateLanes"));
  const reposById = new Map(
    repoRows.map((row) => {
      const discoveredBy = lanesById.get(row.githubId);
      return [
        row.githubId,
        {
          ...toRepoMetadata(row, logger),
          ...(discoveredBy ? { discoveredBy } : {}),
          ...detailsById.get(row.githubId),
        },
      ];
    }),
  );
  const analyses = resultRows.map((row) => ({
    ...toAnalysisResult(row, origin),
    ...(analyzedBefore ? { newSinceLastRun: !analyzedBefore.has(row.repositoryId) } : {}),
  }));
  // Optional in the answer: a run whose stored filters no longer validate is still shown.
  const filters = readStored(searchFiltersSchema, run.filters, origin("filters"));
  // Null until the filter has run, and for runs stored before the column existed.
  const filteredOut =
    run.filteredOut === null
      ? null
      : readStored(storedFilteredOutSchema, run.filteredOut, origin("filteredOut"))?.slice(
          0,
          FILTERED_OUT_MAX,
        );
  return {
    runId: run.id,
    status: readStoredStatus(run.status, origin("status")),
    totalDiscovered: run.totalDiscovered,
    totalFiltered: run.totalFiltered,
    totalAnalyzed: run.totalAnalyzed,
    results: analyses.filter((analysis) => !analysis.reject),
    repos: candidateIds.flatMap((id) => {
      const repo = reposById.get(id);
      return repo ? [repo] : [];
    }),
    skipped: readStoredStringList(run.skipped, origin("skipped")),
    warnings: readStoredStringList(run.warnings, origin("warnings")),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    usage: toUsage(run),
    firstResultAt: run.firstResultAt?.toISOString() ?? null,
    ...(filters ? { filters } : {}),
    rejected: analyses.filter((analysis) => analysis.reject),
    ...(filteredOut ? { filteredOut } : {}),
    userId: run.userId,
  };
}
