import type { Db } from "@/server/db/client";
import { readStored } from "@/server/db/stored-json";
import type { Logger } from "@/server/logger";
import { digestSchema, type Digest, type DigestList } from "@/shared/watches";
import { watchNotFound } from "./watch-store";

/**
 * watches.digests, as the watches page reads it: the newest digests of one of the caller's own watches.
 * Kept apart from the feed's reading of digests so that the two can be reconciled into one later.
 */

/** What a WatchDigest row's content holds: the digest without the ids and the time kept in columns. */
const storedDigestContentSchema = digestSchema.omit({
  id: true,
  watchId: true,
  runId: true,
  createdAt: true,
});

export async function listDigestsForPage({
  db,
  logger,
  userId,
  watchId,
  limit,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  watchId: string;
  limit: number;
}): Promise<DigestList> {
  // Only the owner's: another person's watch answers as one that does not exist.
  const watch = await db.watch.findFirst({ where: { id: watchId, userId }, select: { id: true } });
  if (!watch) throw watchNotFound(watchId);
  const rows = await db.watchDigest.findMany({
    where: { watchId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, watchId: true, runId: true, content: true, createdAt: true },
  });
  const items = rows.flatMap((row): Digest[] => {
    const content = readStored(storedDigestContentSchema, row.content, {
      logger,
      row: `Watch digest ${row.id}`,
      field: "content",
    });
    // A damaged digest is left out rather than failing the page: the others still show.
    if (!content) return [];
    return [
      {
        ...content,
        id: row.id,
        watchId: row.watchId,
        runId: row.runId,
        createdAt: row.createdAt.toISOString(),
      },
    ];
  });
  return { items };
}
