import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import type { DigestList } from "@/shared/watches";
import { listDigests } from "./read-digests";
import { watchNotFound } from "./watch-store";

/** watches.digests: the newest digests of one of the caller's own watches; anyone else's is NOT_FOUND. */
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
  const watch = await db.watch.findFirst({ where: { id: watchId, userId }, select: { id: true } });
  if (!watch) throw watchNotFound(watchId);
  return { items: await listDigests({ db, logger, watchId, limit }) };
}
