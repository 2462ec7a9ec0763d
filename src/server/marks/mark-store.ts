import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { withoutNulChars } from "@/server/db/storable-text";
import { readStored } from "@/server/db/stored-json";
import type { Logger } from "@/server/logger";
import { type AnalysisResult } from "@/shared/analysis";
import { repoMarkSchema, type RepoMark, type RepoMarkState } from "@/shared/marks";
import { type RunAnalysisResult } from "@/shared/runs";

/**
 * Each user's marks on repositories (saved, not interested, contributed), kept apart from the Repository
 * table: a mark may name a repository this server never stored, and it outlives repository pruning. Both are
 * found by the lower-cased "owner/name", since GitHub treats names case-insensitively.
 */

export type StoredMark = { repo: string; mark: RepoMark; note: string | null; updatedAt: Date };

export function toRepoKey(fullName: string): string {
  return fullName.trim().toLowerCase();
}

/** The repositories stored here under these keys, by key; a key may have more than one (a re-created repo). */
export async function findStoredRepositories({
  db,
  keys,
}: {
  db: Db;
  keys: readonly string[];
}): Promise<Map<string, { githubId: number; fullName: string }[]>> {
  const found = new Map<string, { githubId: number; fullName: string }[]>();
  if (keys.length === 0) return found;
  // lower() rather than an equality on fullName: a mark set from the terminal may spell the name differently.
  // SQLite integers may come back as bigint from a raw query.
  const rows = await db.$queryRaw<{ githubId: number | bigint; fullName: string }[]>(
    Prisma.sql`SELECT "githubId", "fullName" FROM "Repository" WHERE lower("fullName") IN (${Prisma.join([...new Set(keys)])})`,
  );
  for (const row of rows) {
    const key = toRepoKey(row.fullName);
    found.set(key, [...(found.get(key) ?? []), { githubId: Number(row.githubId), fullName: row.fullName }]);
  }
  return found;
}

/**
 * Sets the repository's mark, or clears it (`mark: null`, which drops its note too). The note belongs to the
 * mark it was given with: setting a mark without one leaves none.
 */
export async function setRepoMark({
  db,
  now,
  userId,
  repo,
  mark,
  note,
}: {
  db: Db;
  now: Date;
  userId: string;
  repo: string;
  mark: RepoMark | null;
  note?: string;
}): Promise<RepoMarkState> {
  const repoKey = toRepoKey(repo);
  const known = (await findStoredRepositories({ db, keys: [repoKey] })).get(repoKey)?.[0];
  // GitHub's own spelling when this server has seen the repository, so lists match its cards.
  const fullName = known?.fullName ?? repo.trim();
  if (mark === null) {
    await db.repoMark.deleteMany({ where: { userId, repoKey } });
    return { repo: fullName, mark: null, note: null, updatedAt: now.toISOString() };
  }
  // The note as the database will hold it (storable-text.ts), so the mark returned is the one saved.
  const storedNote = note ? withoutNulChars(note) : "";
  const data = { fullName, mark, note: storedNote ? storedNote : null, updatedAt: now };
  await db.repoMark.upsert({
    where: { userId_repoKey: { userId, repoKey } },
    create: { userId, repoKey, ...data },
    update: data,
    select: { repoKey: true },
  });
  return { repo: fullName, mark, note: data.note, updatedAt: now.toISOString() };
}

/** The user's marks of these repositories, by key; a stored mark outside the known set is left out (logged). */
export async function readMarksOf({
  db,
  logger,
  userId,
  repos,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  repos: readonly string[];
}): Promise<Map<string, StoredMark>> {
  const keys = [...new Set(repos.map(toRepoKey))];
  const marks = new Map<string, StoredMark>();
  if (keys.length === 0) return marks;
  const rows = await db.repoMark.findMany({
    where: { userId, repoKey: { in: keys } },
    select: { repoKey: true, fullName: true, mark: true, note: true, updatedAt: true },
  });
  for (const row of rows) {
    const mark = readStoredMark(row, logger);
    if (mark) marks.set(row.repoKey, { repo: row.fullName, mark, note: row.note, updatedAt: row.updatedAt });
  }
  return marks;
}

export function readStoredMark(row: { repoKey: string; mark: string }, logger: Logger): RepoMark | null {
  return readStored(repoMarkSchema, row.mark, { logger, row: `RepoMark ${row.repoKey}`, field: "mark" });
}

/** The results with each repository's mark, as the API returns them. */
export function withMarks<TResult extends AnalysisResult>(
  results: readonly TResult[],
  marks: ReadonlyMap<string, Pick<StoredMark, "mark">>,
): (TResult & Pick<RunAnalysisResult, "mark">)[] {
  return results.map((result) => ({ ...result, mark: marks.get(toRepoKey(result.repo))?.mark ?? null }));
}
