import { z } from "zod";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { holdsNulChar } from "@/server/db/storable-text";
import { runOrigin } from "@/server/db/stored-json";
import {
  analysisResultSelect,
  candidateDetailsSelect,
  readCandidateDetails,
  toAnalysisResult,
} from "@/server/repos/analysis-records";
import { repositorySelect, toRepoMetadata } from "@/server/repos/repo-records";
import type { LatestAnalysis, MarkedReposPage, RepoMark } from "@/shared/marks";
import { findStoredRepositories, readStoredMark } from "./mark-store";

/**
 * repos.marked: the user's marked repositories, most recently marked first, each with its latest analysis
 * from any of their runs. The cursor is the last item's position (when it was marked, and its key) rather
 * than its id, so a page boundary holds even when that repository's mark is changed or cleared between two
 * pages.
 */

const cursorSchema = z.tuple([z.iso.datetime(), z.string().min(1)]);

function encodeCursor(updatedAt: Date, repoKey: string): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), repoKey])).toString("base64url");
}

function decodeCursor(cursor: string): { updatedAt: Date; repoKey: string } {
  let decoded: unknown = null;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    // Not JSON: refused below like any other cursor this list did not give out.
  }
  const parsed = cursorSchema.safeParse(decoded);
  // No stored key holds a NUL character (see holdsNulChar), so a cursor naming one was not given out here.
  if (!parsed.success || holdsNulChar(parsed.data[1])) {
    throw new AppError(
      "BAD_REQUEST",
      "cursor is not one this list gave out; start again from the first page",
    );
  }
  return { updatedAt: new Date(parsed.data[0]), repoKey: parsed.data[1] };
}

export async function listMarkedRepos({
  db,
  logger,
  userId,
  mark,
  limit,
  cursor,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  mark?: RepoMark;
  limit: number;
  cursor?: string | null;
}): Promise<MarkedReposPage> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db.repoMark.findMany({
    where: {
      userId,
      ...(mark ? { mark } : {}),
      ...(after
        ? {
            OR: [
              { updatedAt: { lt: after.updatedAt } },
              { updatedAt: after.updatedAt, repoKey: { gt: after.repoKey } },
            ],
          }
        : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { repoKey: "asc" }],
    take: limit + 1,
    select: { repoKey: true, fullName: true, mark: true, note: true, updatedAt: true },
  });
  const page = rows.slice(0, limit);
  const latest = await readLatestAnalyses({ db, logger, userId, keys: page.map((row) => row.repoKey) });
  const last = page.at(-1);
  return {
    items: page.flatMap((row) => {
      const stored = readStoredMark(row, logger);
      if (!stored) return [];
      return [
        {
          repo: row.fullName,
          mark: stored,
          note: row.note,
          updatedAt: row.updatedAt.toISOString(),
          latest: latest.get(row.repoKey) ?? null,
        },
      ];
    }),
    nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt, last.repoKey) : null,
  };
}

/**
 * Each repository's most recent analysis from any of the user's runs, with the repository as stored and the
 * starter issues and health that run fetched (its picked issues refer to those). Another user's analyses
 * were written for their profile and stay theirs.
 */
export async function readLatestAnalyses({
  db,
  logger,
  userId,
  keys,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  keys: readonly string[];
}): Promise<Map<string, LatestAnalysis>> {
  const stored = await findStoredRepositories({ db, keys });
  const repositoryIds = [...stored.values()].flat().map((repo) => repo.githubId);
  const latest = new Map<string, LatestAnalysis>();
  if (repositoryIds.length === 0) return latest;
  // Ids grow with each analysis stored, so the highest per repository is its latest.
  const newest = await db.analysisResult.groupBy({
    by: ["repositoryId"],
    where: { repositoryId: { in: repositoryIds }, run: { userId } },
    _max: { id: true },
  });
  const ids = newest.flatMap((row) => (row._max.id === null ? [] : [row._max.id]));
  if (ids.length === 0) return latest;
  const [analyses, repositories] = await Promise.all([
    db.analysisResult.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      select: { ...analysisResultSelect, id: true, runId: true, repositoryId: true, createdAt: true },
    }),
    db.repository.findMany({ where: { githubId: { in: repositoryIds } }, select: repositorySelect }),
  ]);
  const details = await db.candidateDetails.findMany({
    where: { OR: analyses.map((row) => ({ runId: row.runId, repositoryId: row.repositoryId })) },
    select: { ...candidateDetailsSelect, runId: true },
  });
  const repositoriesById = new Map(repositories.map((row) => [row.githubId, row]));
  // Ascending ids: a re-created repository under the same name ends with its newest analysis.
  for (const row of analyses) {
    const repository = repositoriesById.get(row.repositoryId);
    if (!repository) continue;
    const origin = runOrigin(logger, row.runId);
    const detailRow = details.find(
      (candidate) => candidate.runId === row.runId && candidate.repositoryId === row.repositoryId,
    );
    latest.set(repository.fullName.toLowerCase(), {
      ...toAnalysisResult(row, origin),
      runId: row.runId,
      analyzedAt: row.createdAt.toISOString(),
      metadata: {
        ...toRepoMetadata(repository, logger),
        ...(detailRow ? readCandidateDetails(detailRow, origin) : {}),
      },
    });
  }
  return latest;
}
