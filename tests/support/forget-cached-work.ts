import type { Db } from "@/server/db/client";

/**
 * Forgets every stored analysis and README, so that the next search is answered by the test servers rather
 * than by an earlier test's cached work.
 */
export async function forgetCachedWork(db: Db): Promise<void> {
  await db.$transaction([db.analysisCacheEntry.deleteMany(), db.readmeCacheEntry.deleteMany()]);
}
