import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import type { AnalysisResult } from "@/shared/analysis";
import type { SearchFilters } from "@/shared/filters";
import type { CleanProfileInput } from "@/shared/profile";
import type { RepoMetadata } from "@/shared/repos";
import type { FilteredOut, RunStatus, Usage } from "@/shared/runs";
import type { StoredCandidateLanes } from "./candidate-lanes";

/**
 * Writes of a search run as it goes: the run row, its analyses and its candidates' details. Each progress
 * write carries what the run knows by then, so a reader of the run mid-way sees what exists so far.
 */

export async function createRun({
  db,
  runId,
  userId,
  filters,
  clientKey,
  now,
  profileHash = null,
  profile = null,
  pickupDeadline = null,
}: {
  db: Db;
  runId: string;
  /** Whose run it is: only they read it through the API. */
  userId: string;
  filters: SearchFilters;
  clientKey: string;
  now: Date;
  /** hashAnalysisProfile of the profile the run scores for; "new since last time" compares by it. */
  profileHash?: string | null;
  /** The profile the run scores for, as it is now: the executor ranks for it wherever and whenever it runs. */
  profile?: CleanProfileInput | null;
  /** When the run ends `interrupted` if no executor has taken it by then. */
  pickupDeadline?: Date | null;
}): Promise<void> {
  await db.searchRun.create({
    data: {
      id: runId,
      userId,
      status: "running",
      filters,
      clientKey,
      profileHash,
      ...(profile ? { profile } : {}),
      leaseExpiresAt: pickupDeadline,
      candidateIds: [],
      skipped: [],
      warnings: [],
      startedAt: now,
    },
    select: { id: true },
  });
}

export type RunProgressUpdate = Partial<{
  totalDiscovered: number;
  totalFiltered: number;
  totalAnalyzed: number;
  candidateIds: number[];
  /** Which lanes found each candidate (listCandidateLanes), written with candidateIds. */
  candidateLanes: StoredCandidateLanes;
  skipped: string[];
  warnings: string[];
  /** Already capped at FILTERED_OUT_MAX by the pipeline. */
  filteredOut: FilteredOut[];
  usage: Usage;
  firstResultAt: Date | null;
}>;

function toRunColumns(update: RunProgressUpdate) {
  const { usage, ...rest } = update;
  return {
    ...rest,
    ...(usage
      ? {
          githubRequests: usage.githubRequests,
          llmInputTokens: usage.llmInputTokens,
          llmOutputTokens: usage.llmOutputTokens,
          ...(usage.cachedResults === undefined ? {} : { cachedResults: usage.cachedResults }),
          ...(usage.llmInputTokensSaved === undefined
            ? {}
            : { llmInputTokensSaved: usage.llmInputTokensSaved }),
          ...(usage.readmesFromCache === undefined ? {} : { readmesFromCache: usage.readmesFromCache }),
          ...(usage.searchRequests === undefined ? {} : { searchRequests: usage.searchRequests }),
        }
      : {}),
  };
}

export async function updateRun({ db, runId, update }: { db: Db; runId: string; update: RunProgressUpdate }) {
  await db.searchRun.update({ where: { id: runId }, data: toRunColumns(update), select: { id: true } });
}

/** Ends the run: its status, and whatever progress it last made, in one write. */
export async function finishRun({
  db,
  runId,
  status,
  now,
  errorMessage,
  update = {},
}: {
  db: Db;
  runId: string;
  status: Exclude<RunStatus, "running">;
  now: Date;
  errorMessage?: string;
  update?: Omit<RunProgressUpdate, "totalAnalyzed">;
}) {
  await db.searchRun.update({
    where: { id: runId },
    data: { ...toRunColumns(update), status, finishedAt: now, errorMessage: errorMessage ?? null },
    select: { id: true },
  });
}

/**
 * Saves analyses for the run (repository rows must exist: they are upserted at discovery), and in the same
 * transaction sets `totalAnalyzed` to the rows now stored, with the other progress given. A crash
 * therefore never leaves a total that disagrees with the rows. Returns the new total.
 */
export async function saveAnalysisResults({
  db,
  runId,
  results,
  repoIdsByName,
  update = {},
}: {
  db: Db;
  runId: string;
  results: readonly AnalysisResult[];
  repoIdsByName: ReadonlyMap<string, number>;
  update?: Omit<RunProgressUpdate, "totalAnalyzed">;
}): Promise<number> {
  return db.$transaction(async (tx) => {
    for (const result of results) {
      const repositoryId = repoIdsByName.get(result.repo.toLowerCase());
      if (repositoryId === undefined) continue;
      const data = {
        fitScore: result.fitScore,
        reason: result.reason,
        contributions: result.contributions,
        reject: result.reject,
        rejectReason: result.rejectReason,
        pickedIssues: result.pickedIssues ?? Prisma.DbNull,
      };
      await tx.analysisResult.upsert({
        where: { runId_repositoryId: { runId, repositoryId } },
        create: { runId, repositoryId, ...data },
        update: data,
        select: { id: true },
      });
    }
    const totalAnalyzed = await tx.analysisResult.count({ where: { runId } });
    await tx.searchRun.update({
      where: { id: runId },
      data: { ...toRunColumns(update), totalAnalyzed },
      select: { id: true },
    });
    return totalAnalyzed;
  });
}

/**
 * Stores the starter issues and health the run fetched for its candidates (those whose details loaded), so
 * its results keep showing what its picked issues referred to whatever later runs find.
 */
export async function saveCandidateDetails({
  db,
  runId,
  repos,
}: {
  db: Db;
  runId: string;
  repos: readonly RepoMetadata[];
}): Promise<void> {
  const rows = repos.flatMap((repo) =>
    repo.starterIssues && repo.health
      ? [{ runId, repositoryId: repo.githubId, starterIssues: repo.starterIssues, health: repo.health }]
      : [],
  );
  if (rows.length === 0) return;
  await db.$transaction(async (tx) => {
    for (const row of rows) {
      const { runId: _runId, repositoryId, ...data } = row;
      await tx.candidateDetails.upsert({
        where: { runId_repositoryId: { runId, repositoryId } },
        create: row,
        update: data,
        select: { runId: true },
      });
    }
  });
}
