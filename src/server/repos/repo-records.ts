import { setImmediate } from "node:timers/promises";
import type { Db } from "@/server/db/client";
import { readStoredStringList } from "@/server/db/stored-json";
import type { Logger } from "@/server/logger";
import type { RepoMetadata } from "@/shared/repos";

/**
 * Conversions between RepoMetadata and the Repository table, and the writes that keep it current. Search runs
 * and marks both read repositories, so the table's records belong to neither.
 */

export const repositorySelect = {
  githubId: true,
  owner: true,
  name: true,
  fullName: true,
  url: true,
  description: true,
  primaryLanguage: true,
  languages: true,
  stars: true,
  forks: true,
  openIssues: true,
  topics: true,
  license: true,
  pushedAt: true,
  repoCreatedAt: true,
  goodFirstIssues: true,
  helpWantedIssues: true,
} as const;

type RepositoryRow = {
  githubId: number;
  owner: string;
  name: string;
  fullName: string;
  url: string;
  description: string | null;
  primaryLanguage: string | null;
  languages: unknown;
  stars: number;
  forks: number;
  openIssues: number;
  topics: unknown;
  license: string | null;
  pushedAt: Date | null;
  repoCreatedAt: Date | null;
  goodFirstIssues: number;
  helpWantedIssues: number;
};

export function toRepoMetadata(row: RepositoryRow, logger: Logger): RepoMetadata {
  const origin = (field: string) => ({ logger, row: `Repository ${row.fullName}`, field });
  return {
    githubId: row.githubId,
    owner: row.owner,
    name: row.name,
    fullName: row.fullName,
    url: row.url,
    description: row.description,
    primaryLanguage: row.primaryLanguage,
    languages: readStoredStringList(row.languages, origin("languages")),
    stars: row.stars,
    forks: row.forks,
    openIssues: row.openIssues,
    topics: readStoredStringList(row.topics, origin("topics")),
    license: row.license,
    pushedAt: row.pushedAt?.toISOString() ?? null,
    createdAt: row.repoCreatedAt?.toISOString() ?? null,
    goodFirstIssues: row.goodFirstIssues,
    helpWantedIssues: row.helpWantedIssues,
  };
}

function toDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function toRow(repo: RepoMetadata, seenAt: Date) {
  return {
    owner: repo.owner,
    name: repo.name,
    fullName: repo.fullName,
    url: repo.url,
    description: repo.description,
    primaryLanguage: repo.primaryLanguage,
    languages: repo.languages,
    stars: repo.stars,
    forks: repo.forks,
    openIssues: repo.openIssues,
    topics: repo.topics,
    license: repo.license,
    pushedAt: toDate(repo.pushedAt),
    repoCreatedAt: toDate(repo.createdAt),
    goodFirstIssues: repo.goodFirstIssues,
    helpWantedIssues: repo.helpWantedIssues,
    lastSeenAt: seenAt,
  };
}

const UPSERTS_BETWEEN_YIELDS = 10;
/**
 * Repositories written per transaction. Searches running at once (the hosted mode's workers) refresh many of
 * the same rows: a transaction of a whole search would hold their locks for hundreds of round trips, and the
 * others would wait on it past their own time limit. Short transactions keep the waits short.
 */
const UPSERTS_PER_TRANSACTION = 25;

/** Inserts or refreshes the repositories by GitHub id, marking them seen now. */
export async function upsertRepositories({
  db,
  repos,
  now,
}: {
  db: Db;
  repos: readonly RepoMetadata[];
  now: Date;
}) {
  if (repos.length === 0) return;
  // In the order of their ids: on PostgreSQL two runs upserting the same repositories at once then lock rows
  // in one order, rather than deadlocking and failing one of them.
  const ordered = [...repos].sort((left, right) => left.githubId - right.githubId);
  for (let start = 0; start < ordered.length; start += UPSERTS_PER_TRANSACTION) {
    const chunk = ordered.slice(start, start + UPSERTS_PER_TRANSACTION);
    // Interactive transactions, not batches: Prisma caches a query plan per distinct batch (up to 1,000 of
    // them, about 16 KB per upsert), so batches of a search's repositories cost memory that stays behind.
    // Single upserts share one cached plan.
    await db.$transaction(async (tx) => {
      for (const [index, repo] of chunk.entries()) {
        // better-sqlite3 answers synchronously, so this loop is one long chain of microtasks: every few rows
        // it lets the event loop run, so that requests the run has already started (the candidates' details
        // queries) go out now rather than after the last row.
        if (index > 0 && index % UPSERTS_BETWEEN_YIELDS === 0) await setImmediate();
        const data = toRow(repo, now);
        await tx.repository.upsert({
          where: { githubId: repo.githubId },
          create: { githubId: repo.githubId, ...data },
          update: data,
          select: { githubId: true },
        });
      }
    });
  }
}

const PRUNE_AFTER_DAYS = 30;

/** Deletes repositories no analysis references that have not been seen for 30 days; returns how many. */
export async function pruneRepositories({ db, now }: { db: Db; now: Date }): Promise<number> {
  const cutoff = new Date(now.getTime() - PRUNE_AFTER_DAYS * 24 * 60 * 60 * 1000);
  const { count } = await db.repository.deleteMany({
    where: { lastSeenAt: { lt: cutoff }, results: { none: {} } },
  });
  return count;
}
