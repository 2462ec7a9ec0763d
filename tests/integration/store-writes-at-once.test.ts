import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildAnalysisCacheKey,
  findCachedAnalyses,
  storeCachedAnalyses,
} from "@/server/cache/analysis-cache";
import { findCachedReadmes, storeReadmes } from "@/server/cache/readme-cache";
import { upsertRepositories } from "@/server/repos/repo-records";
import type { RepoMetadata } from "@/shared/repos";
import { makeRepo } from "../support/llm-analysis-fixtures";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

/**
 * In the hosted mode several workers run searches at once, and searches for similar profiles meet the same
 * repositories, each in its own ranking order. Their writes to the shared tables must all succeed: on
 * PostgreSQL, transactions that lock the same rows in different orders deadlock, and one of them fails.
 */

const NOW = new Date("2026-03-01T00:00:00Z");

const analysisParts = (repo: RepoMetadata) => ({
  repositoryId: repo.githubId,
  readme: `# ${repo.name}`,
  profileHash: "profile",
  analyzerKind: "heuristic" as const,
  model: null,
  promptVersion: "1",
});

/** What one search stores about its candidates, in its own order. */
async function storeAsOneSearch(store: TempStore, ranking: readonly RepoMetadata[]) {
  const { db } = store;
  await upsertRepositories({ db, repos: ranking, now: NOW });
  await storeReadmes({ db, entries: ranking.map((repo) => ({ repo, readme: `# ${repo.name}` })), now: NOW });
  await storeCachedAnalyses({
    db,
    entries: ranking.map((repo) => ({
      parts: analysisParts(repo),
      result: {
        repo: repo.fullName,
        fitScore: 6,
        reason: "Partial overlap.",
        contributions: ["Docs"],
        reject: false,
        rejectReason: null,
      },
      inputTokens: 10,
    })),
    now: NOW,
  });
}

describe.each(storeKinds)("searches storing the same repositories at once (%s)", (kind) => {
  let store: TempStore;
  beforeAll(async () => {
    store = await createTempStore(kind);
  });
  afterAll(() => store.cleanup());

  it("all succeed, whatever order each ranked them in, and store each repository once", async () => {
    const repos = Array.from({ length: 40 }, (_, index) =>
      makeRepo(`acme/tool-${index}`, { githubId: 5000 + index }),
    );
    const rankings = [repos, [...repos].reverse(), [...repos.slice(20), ...repos.slice(0, 20)]];

    const outcomes = await Promise.allSettled(rankings.map((ranking) => storeAsOneSearch(store, ranking)));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(await store.db.repository.count()).toBe(repos.length);
    expect((await findCachedReadmes({ db: store.db, repos })).size).toBe(repos.length);
    const keys = repos.map((repo) => buildAnalysisCacheKey(analysisParts(repo)));
    expect((await findCachedAnalyses({ db: store.db, keys, now: NOW })).size).toBe(repos.length);
  });
});
