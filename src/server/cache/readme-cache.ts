import type { Db } from "@/server/db/client";
import type { RepoMetadata } from "@/shared/repos";

/**
 * READMEs kept from one run to the next. A README changes only with a push, so one stored with the
 * repository's current pushedAt is still the README; a repository whose pushedAt GitHub does not report
 * cannot be told apart from a changed one, so it is always fetched again.
 */

/** Unused READMEs are dropped after this long, so the table does not grow with every repository ever seen. */
export const README_CACHE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export type ReadmeCacheRepo = Pick<RepoMetadata, "githubId" | "fullName" | "pushedAt">;

/**
 * fullName ("owner/name") → the stored README (null: the repository has none), for the repositories
 * whose stored pushedAt equals their current one. Repositories not in the map need fetching.
 */
export async function findCachedReadmes({
  db,
  repos,
}: {
  db: Db;
  repos: readonly ReadmeCacheRepo[];
}): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  const known = repos.filter((repo) => repo.pushedAt !== null);
  if (known.length === 0) return found;
  const rows = await db.readmeCacheEntry.findMany({
    where: { repositoryId: { in: [...new Set(known.map((repo) => repo.githubId))] } },
    select: { repositoryId: true, pushedAt: true, readme: true },
  });
  const byId = new Map(rows.map((row) => [row.repositoryId, row]));
  for (const repo of known) {
    const row = byId.get(repo.githubId);
    if (row && row.pushedAt === repo.pushedAt) found.set(repo.fullName, row.readme);
  }
  return found;
}

/**
 * Stores (or replaces) each repository's README with its current pushedAt, in one transaction. A
 * repository without a pushedAt is skipped: it could never be a hit.
 */
export async function storeReadmes({
  db,
  entries,
  now,
}: {
  db: Db;
  entries: readonly { repo: ReadmeCacheRepo; readme: string | null }[];
  now: Date;
}): Promise<void> {
  // In the order of their ids, so that two runs storing the same READMEs at once lock rows in one order
  // (see upsertRepositories).
  const storable = entries
    .flatMap(({ repo, readme }) =>
      repo.pushedAt === null ? [] : [{ repositoryId: repo.githubId, pushedAt: repo.pushedAt, readme }],
    )
    .sort((left, right) => left.repositoryId - right.repositoryId);
  if (storable.length === 0) return;
  // Single upserts in one interactive transaction share one cached query plan (see upsertRepositories).
  await db.$transaction(async (tx) => {
    for (const { repositoryId, pushedAt, readme } of storable) {
      const data = { pushedAt, readme, storedAt: now };
      await tx.readmeCacheEntry.upsert({
        where: { repositoryId },
        create: { repositoryId, ...data },
        update: data,
        select: { repositoryId: true },
      });
    }
  });
}

/** Housekeeping: deletes READMEs stored more than README_CACHE_MAX_AGE_MS ago; returns how many. */
export async function deleteStaleReadmes({ db, now }: { db: Db; now: Date }): Promise<number> {
  const cutoff = new Date(now.getTime() - README_CACHE_MAX_AGE_MS);
  const { count } = await db.readmeCacheEntry.deleteMany({ where: { storedAt: { lt: cutoff } } });
  return count;
}
