import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { readStored, readStoredStringList, type StoredValueOrigin } from "@/server/db/stored-json";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { pickedIssuesSchema, type AnalysisResult } from "@/shared/analysis";
import { scoutEventSchema, terminalEventTypes, type ScoutEvent } from "@/shared/events";
import { searchFiltersSchema, type SearchFilters } from "@/shared/filters";
import {
  repoHealthSchema,
  starterIssueSchema,
  type RepoHealth,
  type RepoMetadata,
  type StarterIssue,
} from "@/shared/repos";
import {
  FILTERED_OUT_MAX,
  filteredOutSchema,
  runStatusSchema,
  type FilteredOut,
  type RunStatus,
  type RunSummary,
  type ScoutSearchResult,
  type Usage,
} from "@/shared/runs";
import { countNewResultsByRun, findAnalyzedBefore } from "./new-since-last-run";
import { readMarksOf, withMarks } from "@/server/marks/mark-store";
import { repositorySelect, toRepoMetadata } from "./repo-records";

/** Persistence of search runs: the run row, its analysis results and its append-only event log. */

export type StoredEvent = { seq: number; event: ScoutEvent };

const storedIdsSchema = z.array(z.number().int());
const storedFilteredOutSchema = z.array(filteredOutSchema);

export const runOrigin = (logger: Logger, runId: string) => (field: string) => ({
  logger,
  row: `Run ${runId}`,
  field,
});

/** A status outside the known set is shown as failed: whatever it was, the run is not going on. */
function readStoredStatus(value: string, origin: StoredValueOrigin): RunStatus {
  return readStored(runStatusSchema, value, origin) ?? "failed";
}

export function isTerminalEvent(event: ScoutEvent): boolean {
  return (terminalEventTypes as readonly string[]).includes(event.type);
}

export async function createRun({
  db,
  runId,
  filters,
  clientKey,
  now,
  profileHash = null,
}: {
  db: Db;
  runId: string;
  filters: SearchFilters;
  clientKey: string;
  now: Date;
  /** hashAnalysisProfile of the profile the run scores for; "new since last time" compares by it. */
  profileHash?: string | null;
}): Promise<void> {
  await db.searchRun.create({
    data: {
      id: runId,
      status: "running",
      filters,
      clientKey,
      profileHash,
      candidateIds: [],
      skipped: [],
      warnings: [],
      startedAt: now,
    },
    select: { id: true },
  });
}

export async function appendRunEvent({
  db,
  runId,
  seq,
  event,
}: {
  db: Db;
  runId: string;
  seq: number;
  event: ScoutEvent;
}): Promise<StoredEvent> {
  await db.runEvent.create({ data: { runId, seq, type: event.type, payload: event }, select: { id: true } });
  return { seq, event };
}

/** The run's stored events after `afterSeq`, in order; an event that no longer validates is left out (logged). */
export async function readRunEvents({
  db,
  logger,
  runId,
  afterSeq,
}: {
  db: Db;
  logger: Logger;
  runId: string;
  afterSeq: number;
}): Promise<StoredEvent[]> {
  const rows = await db.runEvent.findMany({
    where: { runId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    select: { seq: true, payload: true },
  });
  return rows.flatMap((row) => {
    const event = readStored(scoutEventSchema, row.payload, runOrigin(logger, runId)(`event ${row.seq}`));
    return event ? [{ seq: row.seq, event }] : [];
  });
}

export type RunProgressUpdate = Partial<{
  totalDiscovered: number;
  totalFiltered: number;
  totalAnalyzed: number;
  candidateIds: number[];
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
 * Saves one batch's analyses for the run (repository rows must exist: they are upserted at discovery),
 * and in the same transaction sets `totalAnalyzed` to the rows now stored, with the other progress given.
 * A crash therefore never leaves a total that disagrees with the rows. Returns the new total.
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

const storedStarterIssuesSchema = z.array(starterIssueSchema);

/** The stored details of one candidate; a damaged part is left out (logged) and the rest still served. */
export function readCandidateDetails(
  row: { repositoryId: number; starterIssues: unknown; health: unknown },
  origin: (field: string) => StoredValueOrigin,
): { starterIssues?: StarterIssue[]; health?: RepoHealth } {
  const starterIssues = readStored(
    storedStarterIssuesSchema,
    row.starterIssues,
    origin(`starter issues of repository ${row.repositoryId}`),
  );
  const health = readStored(repoHealthSchema, row.health, origin(`health of repository ${row.repositoryId}`));
  return { ...(starterIssues ? { starterIssues } : {}), ...(health ? { health } : {}) };
}

const runSelect = {
  id: true,
  status: true,
  filters: true,
  totalDiscovered: true,
  totalFiltered: true,
  totalAnalyzed: true,
  candidateIds: true,
  skipped: true,
  warnings: true,
  filteredOut: true,
  githubRequests: true,
  llmInputTokens: true,
  llmOutputTokens: true,
  cachedResults: true,
  llmInputTokensSaved: true,
  readmesFromCache: true,
  firstResultAt: true,
  errorMessage: true,
  startedAt: true,
  finishedAt: true,
  profileHash: true,
} as const;

export async function getRunStatus({
  db,
  logger,
  runId,
}: {
  db: Db;
  logger: Logger;
  runId: string;
}): Promise<RunStatus | null> {
  const row = await db.searchRun.findUnique({ where: { id: runId }, select: { status: true } });
  return row ? readStoredStatus(row.status, runOrigin(logger, runId)("status")) : null;
}

function notFound(runId: string): AppError {
  return new AppError("NOT_FOUND", `No search run with id ${JSON.stringify(runId.slice(0, 100))}`);
}

/** Absent when the analysis picked none (stored null) or what is stored no longer validates (logged). */
function readPickedIssues(value: unknown, origin: StoredValueOrigin): Pick<AnalysisResult, "pickedIssues"> {
  if (value === null) return {};
  const picked = readStored(pickedIssuesSchema, value, origin);
  return picked ? { pickedIssues: picked } : {};
}

/** What every reader of stored analyses selects; see toAnalysisResult. */
export const analysisResultSelect = {
  fitScore: true,
  reason: true,
  contributions: true,
  reject: true,
  rejectReason: true,
  pickedIssues: true,
  repository: { select: { fullName: true } },
} as const;

/** One stored analysis as the API returns it; damaged stored parts are left out (logged). */
export function toAnalysisResult(
  row: {
    fitScore: number;
    reason: string;
    contributions: unknown;
    reject: boolean;
    rejectReason: string | null;
    pickedIssues: unknown;
    repository: { fullName: string };
  },
  origin: (field: string) => StoredValueOrigin,
): AnalysisResult {
  return {
    repo: row.repository.fullName,
    fitScore: row.fitScore,
    reason: row.reason,
    contributions: readStoredStringList(
      row.contributions,
      origin(`contributions of ${row.repository.fullName}`),
    ),
    reject: row.reject,
    rejectReason: row.rejectReason,
    ...readPickedIssues(row.pickedIssues, origin(`picked issues of ${row.repository.fullName}`)),
  };
}

/** The run as the API returns it: also mid-run, with what exists so far. */
export async function getRunResult({
  db,
  logger,
  runId,
}: {
  db: Db;
  logger: Logger;
  runId: string;
}): Promise<ScoutSearchResult> {
  const run = await db.searchRun.findUnique({ where: { id: runId }, select: runSelect });
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
    db.candidateDetails.findMany({
      where: { runId },
      select: { repositoryId: true, starterIssues: true, health: true },
    }),
  ]);
  const analyzedBefore = await findAnalyzedBefore({
    db,
    run,
    repositoryIds: resultRows.map((row) => row.repositoryId),
  });
  const detailsById = new Map(detailRows.map((row) => [row.repositoryId, readCandidateDetails(row, origin)]));
  const reposById = new Map(
    repoRows.map((row) => [
      row.githubId,
      { ...toRepoMetadata(row, logger), ...detailsById.get(row.githubId) },
    ]),
  );
  const marks = await readMarksOf({ db, logger, repos: resultRows.map((row) => row.repository.fullName) });
  const analyses = withMarks(
    resultRows.map((row) => ({
      ...toAnalysisResult(row, origin),
      ...(analyzedBefore ? { newSinceLastRun: !analyzedBefore.has(row.repositoryId) } : {}),
    })),
    marks,
  );
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
    usage: {
      githubRequests: run.githubRequests,
      llmInputTokens: run.llmInputTokens,
      llmOutputTokens: run.llmOutputTokens,
      cachedResults: run.cachedResults,
      llmInputTokensSaved: run.llmInputTokensSaved,
      readmesFromCache: run.readmesFromCache,
    },
    firstResultAt: run.firstResultAt?.toISOString() ?? null,
    ...(filters ? { filters } : {}),
    rejected: analyses.filter((analysis) => analysis.reject),
    ...(filteredOut ? { filteredOut } : {}),
  };
}

/**
 * The history, newest first. A summary needs the run's filters: a run whose stored filters no longer
 * validate is left out of the list (and logged), while every other run is still served.
 */
export async function listRuns({
  db,
  logger,
  limit,
  cursor,
}: {
  db: Db;
  logger: Logger;
  limit: number;
  cursor?: string;
}): Promise<{ items: RunSummary[]; nextCursor: string | null }> {
  if (cursor && !(await db.searchRun.findUnique({ where: { id: cursor }, select: { id: true } }))) {
    throw new AppError("BAD_REQUEST", "The history cursor is unknown; start again from the first page");
  }
  const rows = await db.searchRun.findMany({
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: runSelect,
  });
  const page = rows.slice(0, limit);
  const topScores = await db.analysisResult.groupBy({
    by: ["runId"],
    where: { runId: { in: page.map((row) => row.id) }, reject: false },
    _max: { fitScore: true },
  });
  const topScoreByRun = new Map(topScores.map((row) => [row.runId, row._max.fitScore]));
  const newCountByRun = await countNewResultsByRun({ db, runs: page });
  return {
    items: page.flatMap((row) => {
      const origin = runOrigin(logger, row.id);
      const filters = readStored(searchFiltersSchema, row.filters, origin("filters"));
      if (!filters) return [];
      const newCount = newCountByRun.get(row.id);
      return [
        {
          runId: row.id,
          status: readStoredStatus(row.status, origin("status")),
          filters,
          startedAt: row.startedAt.toISOString(),
          finishedAt: row.finishedAt?.toISOString() ?? null,
          totalDiscovered: row.totalDiscovered,
          totalFiltered: row.totalFiltered,
          totalAnalyzed: row.totalAnalyzed,
          topScore: topScoreByRun.get(row.id) ?? null,
          ...(newCount !== undefined ? { newCount } : {}),
        },
      ];
    }),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export const interruptedMessage = "The search was interrupted by a server restart.";

/**
 * At start-up: runs a dead process left `running` become `interrupted`, keep what they saved, and get a
 * terminal event. Their `totalAnalyzed` is recounted from the stored rows, whatever the dead process last
 * managed to write (no process writes to them any more, so the count cannot move under us).
 */
export async function markInterruptedRuns({ db, now }: { db: Db; now: Date }): Promise<string[]> {
  const event: ScoutEvent = { type: "error", message: interruptedMessage, reason: "interrupted" };
  const stale = await db.searchRun.findMany({ where: { status: "running" }, select: { id: true } });
  for (const { id } of stale) {
    const last = await db.runEvent.findFirst({
      where: { runId: id },
      orderBy: { seq: "desc" },
      select: { seq: true },
    });
    const totalAnalyzed = await db.analysisResult.count({ where: { runId: id } });
    await db.$transaction([
      db.searchRun.update({
        where: { id },
        data: { status: "interrupted", finishedAt: now, errorMessage: interruptedMessage, totalAnalyzed },
        select: { id: true },
      }),
      db.runEvent.create({
        data: {
          runId: id,
          seq: (last?.seq ?? 0) + 1,
          type: event.type,
          payload: event,
        },
        select: { id: true },
      }),
    ]);
  }
  return stale.map(({ id }) => id);
}
