import { createHash } from "node:crypto";
import type { Analyzer } from "@/server/analysis/analyzer";
import type { Db } from "@/server/db/client";
import { analysisResultSchema, type AnalysisResult } from "@/shared/analysis";
import { type StarterIssue } from "@/shared/repos";

/**
 * Analyses reused across runs. A stored verdict is served again only while everything it was made from
 * is unchanged: the repository, the README text the analyzer was sent, the starter issues it was shown,
 * the profile, and the analyzer (kind, model, prompt version). All of that goes into the key, so a change
 * anywhere reads as a miss and nothing ever needs to be invalidated; entries simply expire.
 */

/**
 * How long a stored analysis is served: about a week, after which a project's activity has moved on. A day
 * more than a week, so a watch that runs weekly at a fixed hour still finds last week's verdicts.
 */
export const ANALYSIS_CACHE_TTL_MS = 8 * 24 * 60 * 60 * 1000;

export type AnalysisCacheKeyParts = {
  /** GitHub's databaseId (RepoMetadata.githubId): a rename or transfer keeps it. */
  repositoryId: number;
  /** The README text the analyzer was sent (after truncation), or null when there was none. */
  readme: string | null;
  /** The repository's starter-issue snapshot, when one was loaded; undefined when it could not be. */
  starterIssues?: readonly StarterIssue[];
  /** hashAnalysisProfile (src/server/profile/profile-hash.ts) of the profile the verdict is for. */
  profileHash: string;
  analyzerKind: Analyzer["kind"];
  /** Analyzer.model: the model id, or null for the built-in analyzer. */
  model: string | null;
  /** Bumped whenever the prompt or the answer's reading changes, so older verdicts stop matching. */
  promptVersion: string;
};

export type CachedAnalysis = {
  result: AnalysisResult;
  /** This repository's share of the input tokens its batch spent: what serving it again saves. */
  inputTokens: number;
};

export type AnalysisCacheEntryInput = CachedAnalysis & { parts: AnalysisCacheKeyParts };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The starter issues as the analysis prompt shows them (src/server/analysis/llm/prompt.ts,
 * formatStarterIssueLines): unclaimed ones only, with number, title, labels, dates and comment count. The
 * prompt states the dates as days ago; their source timestamps are used here, so the key does not change
 * by itself at midnight. Sorted, so GitHub returning the same issues in another order is the same key.
 */
function canonicalizeStarterIssues(issues: readonly StarterIssue[]) {
  return issues
    .filter((issue) => !issue.claimed)
    .map((issue) => ({
      number: issue.number,
      title: issue.title,
      labels: [...issue.labels].sort(),
      createdAt: issue.createdAt,
      updatedAt: issue.updatedAt,
      comments: issue.comments,
    }))
    .sort((left, right) => left.number - right.number);
}

/** The sha-256 (hex) identifying one analysis; equal only when every part is equal. */
export function buildAnalysisCacheKey(parts: AnalysisCacheKeyParts): string {
  // A fixed property order and explicit nulls: JSON.stringify is then a canonical form.
  return sha256(
    JSON.stringify({
      repositoryId: parts.repositoryId,
      readme: parts.readme === null ? null : sha256(parts.readme),
      starterIssues:
        parts.starterIssues === undefined ? null : canonicalizeStarterIssues(parts.starterIssues),
      profileHash: parts.profileHash,
      analyzerKind: parts.analyzerKind,
      model: parts.model,
      promptVersion: parts.promptVersion,
    }),
  );
}

/**
 * The unexpired analyses stored under these keys. A key without a usable entry is simply absent: a row
 * whose result no longer validates (written by an older version, or damaged) is a miss, and the next
 * store replaces it.
 */
export async function findCachedAnalyses({
  db,
  keys,
  now,
}: {
  db: Db;
  keys: readonly string[];
  now: Date;
}): Promise<Map<string, CachedAnalysis>> {
  const found = new Map<string, CachedAnalysis>();
  if (keys.length === 0) return found;
  const rows = await db.analysisCacheEntry.findMany({
    where: { key: { in: [...new Set(keys)] }, expiresAt: { gt: now } },
    select: { key: true, result: true, inputTokens: true },
  });
  for (const row of rows) {
    const result = analysisResultSchema.safeParse(row.result);
    if (result.success) found.set(row.key, { result: result.data, inputTokens: row.inputTokens });
  }
  return found;
}

/** Stores (or replaces) analyses for ANALYSIS_CACHE_TTL_MS from now, all in one transaction. */
export async function storeCachedAnalyses({
  db,
  entries,
  now,
}: {
  db: Db;
  entries: readonly AnalysisCacheEntryInput[];
  now: Date;
}): Promise<void> {
  if (entries.length === 0) return;
  const expiresAt = new Date(now.getTime() + ANALYSIS_CACHE_TTL_MS);
  // In the order of their keys, so that two runs storing the same analyses at once lock rows in one order
  // (see upsertRepositories).
  const keyed = entries
    .map((entry) => ({ ...entry, key: buildAnalysisCacheKey(entry.parts) }))
    .sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
  // Single upserts in one interactive transaction share one cached query plan (see upsertRepositories).
  await db.$transaction(async (tx) => {
    for (const { key, parts, result, inputTokens } of keyed) {
      // Only the analysis itself is stored (a run's extras such as marks are stripped); a result that
      // does not validate is not worth serving again.
      const stored = analysisResultSchema.safeParse(result);
      if (!stored.success) continue;
      const data = {
        repositoryId: parts.repositoryId,
        profileHash: parts.profileHash,
        analyzerKind: parts.analyzerKind,
        model: parts.model,
        promptVersion: parts.promptVersion,
        result: stored.data,
        inputTokens: Math.max(0, Math.round(inputTokens)),
        createdAt: now,
        expiresAt,
      };
      await tx.analysisCacheEntry.upsert({
        where: { key },
        create: { key, ...data },
        update: data,
        select: { key: true },
      });
    }
  });
}

/** Housekeeping: deletes the analyses that have expired; returns how many. */
export async function deleteExpiredAnalyses({ db, now }: { db: Db; now: Date }): Promise<number> {
  const { count } = await db.analysisCacheEntry.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
