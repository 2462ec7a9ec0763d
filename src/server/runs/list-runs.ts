import type { Db } from "@/server/db/client";
import { holdsNulChar } from "@/server/db/storable-text";
import { readStored, runOrigin } from "@/server/db/stored-json";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { searchFiltersSchema } from "@/shared/filters";
import type { RunsPage } from "@/shared/runs";
import { countNewResultsByRun } from "./new-since-last-run";
import { readStoredStatus, runSelect } from "./run-row";

async function isOwnRun(db: Db, runId: string, userId: string): Promise<boolean> {
  // No stored run id holds a NUL character, and PostgreSQL refuses to compare with one (see holdsNulChar).
  if (holdsNulChar(runId)) return false;
  return (await db.searchRun.findFirst({ where: { id: runId, userId }, select: { id: true } })) !== null;
}

/**
 * The user's history, newest first. A summary needs the run's filters: a run whose stored filters no longer
 * validate is left out of the list (and logged), while every other run is still served.
 */
export async function listRuns({
  db,
  logger,
  userId,
  limit,
  cursor,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  limit: number;
  cursor?: string;
}): Promise<RunsPage> {
  // Another user's run id is as unknown here as anywhere.
  if (cursor && !(await isOwnRun(db, cursor, userId))) {
    throw new AppError("BAD_REQUEST", "The history cursor is unknown; start again from the first page");
  }
  const rows = await db.searchRun.findMany({
    where: { userId },
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
