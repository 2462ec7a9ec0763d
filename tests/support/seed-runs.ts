import { LOCAL_USER_ID } from "@/server/auth/viewer";
import type { Db } from "@/server/db/client";
import { upsertRepositories } from "@/server/repos/repo-records";
import { createRun, finishRun, saveAnalysisResults, updateRun } from "@/server/runs/run-writes";
import { type AnalysisResult } from "@/shared/analysis";
import { searchFiltersSchema, type SearchFiltersInput } from "@/shared/filters";
import { type RepoMetadata } from "@/shared/repos";
import { type RunStatus } from "@/shared/runs";

/** Records a run of the local user as `running`, as scout.search does before its pipeline says anything. */
export async function seedRunningRun(options: { db: Db; runId: string; now: Date }): Promise<void> {
  await createRun({
    db: options.db,
    runId: options.runId,
    userId: LOCAL_USER_ID,
    filters: searchFiltersSchema.parse({ languages: ["Go"] }),
    clientKey: "10.0.0.1",
    now: options.now,
  });
}

/** Writes a finished run of the local user straight into the database, as the pipeline would have left it. */
export async function seedRun(options: {
  db: Db;
  runId: string;
  startedAt: Date;
  status?: Exclude<RunStatus, "running">;
  filters?: SearchFiltersInput;
  analyses?: { repo: RepoMetadata; fitScore: number; reject?: boolean }[];
  /** The profile's hash, as scout.search records it; absent = a run stored before the hash existed. */
  profileHash?: string;
}): Promise<void> {
  const {
    db,
    runId,
    startedAt,
    status = "completed",
    filters = { languages: ["Go"] },
    analyses = [],
    profileHash,
  } = options;
  await createRun({
    db,
    runId,
    userId: LOCAL_USER_ID,
    filters: searchFiltersSchema.parse(filters),
    clientKey: "10.0.0.1",
    now: startedAt,
    profileHash,
  });
  const repos = analyses.map((analysis) => analysis.repo);
  await upsertRepositories({ db, repos, now: startedAt });
  const results: AnalysisResult[] = analyses.map(({ repo, fitScore, reject = false }) => ({
    repo: repo.fullName,
    fitScore,
    reason: "Seeded for a test.",
    contributions: reject ? [] : ["Fix a bug"],
    reject,
    rejectReason: reject ? "Seeded rejection" : null,
  }));
  const totalAnalyzed = await saveAnalysisResults({
    db,
    runId,
    results,
    repoIdsByName: new Map(repos.map((repo) => [repo.fullName.toLowerCase(), repo.githubId])),
  });
  await updateRun({
    db,
    runId,
    update: {
      totalDiscovered: repos.length,
      totalFiltered: repos.length,
      totalAnalyzed,
      candidateIds: repos.map((repo) => repo.githubId),
    },
  });
  await finishRun({ db, runId, status, now: new Date(startedAt.getTime() + 60_000) });
}
