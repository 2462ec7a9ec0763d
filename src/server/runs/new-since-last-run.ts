import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";

/**
 * "New since last time": a result is new when no earlier run of the same user (by start time, then id) for
 * the same profile analyzed that repository, rejected or not. The profile is compared by its hash (hashAnalysisProfile),
 * stored on the run when it starts; runs stored before the hash existed have none, and their results carry
 * no verdict at all rather than a guessed one.
 */

export type RunForNewness = { id: string; userId: string; startedAt: Date; profileHash: string | null };

/** What telling new results apart needs of the run; null for an unknown run. */
export async function findRunForNewness({
  db,
  runId,
}: {
  db: Db;
  runId: string;
}): Promise<RunForNewness | null> {
  return db.searchRun.findUnique({
    where: { id: runId },
    select: { id: true, userId: true, startedAt: true, profileHash: true },
  });
}

/** Of `repositoryIds`, those an earlier run for the same profile already analyzed; null without a hash. */
export async function findAnalyzedBefore({
  db,
  run,
  repositoryIds,
}: {
  db: Db;
  run: RunForNewness;
  repositoryIds: readonly number[];
}): Promise<ReadonlySet<number> | null> {
  if (run.profileHash === null) return null;
  if (repositoryIds.length === 0) return new Set();
  const rows = await db.analysisResult.findMany({
    where: {
      repositoryId: { in: [...repositoryIds] },
      run: {
        userId: run.userId,
        profileHash: run.profileHash,
        OR: [{ startedAt: { lt: run.startedAt } }, { startedAt: run.startedAt, id: { lt: run.id } }],
      },
    },
    distinct: ["repositoryId"],
    select: { repositoryId: true },
  });
  return new Set(rows.map((row) => row.repositoryId));
}

/**
 * How many accepted results of each run are new, in one query for the whole page of runs. Runs without a
 * profile hash are absent from the map; a run with one and nothing new maps to 0.
 */
export async function countNewResultsByRun({
  db,
  runs,
}: {
  db: Db;
  runs: readonly { id: string; profileHash: string | null }[];
}): Promise<Map<string, number>> {
  const hashed = runs.filter((run) => run.profileHash !== null).map((run) => run.id);
  const counts = new Map(hashed.map((id) => [id, 0]));
  if (hashed.length === 0) return counts;
  // SQL that both engines read alike: PostgreSQL refuses "reject = 0" for a boolean, so "NOT reject"; and
  // COUNT(*) is a bigint in PostgreSQL (and may come back as one from SQLite).
  const rows = await db.$queryRaw<{ runId: string; newCount: number | bigint }[]>(Prisma.sql`
    SELECT r."runId" AS "runId", COUNT(*) AS "newCount"
    FROM "AnalysisResult" AS r
    JOIN "SearchRun" AS s ON s."id" = r."runId"
    WHERE r."runId" IN (${Prisma.join(hashed)})
      AND NOT r."reject"
      AND NOT EXISTS (
        SELECT 1
        FROM "AnalysisResult" AS e
        JOIN "SearchRun" AS es ON es."id" = e."runId"
        WHERE e."repositoryId" = r."repositoryId"
          AND es."userId" = s."userId"
          AND es."profileHash" = s."profileHash"
          AND (es."startedAt" < s."startedAt" OR (es."startedAt" = s."startedAt" AND es."id" < s."id"))
      )
    GROUP BY r."runId"
  `);
  for (const row of rows) counts.set(row.runId, Number(row.newCount));
  return counts;
}
