import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoverAndPrune } from "@/server/app-dependencies";
import {
  buildAnalysisCacheKey,
  findCachedAnalyses,
  storeCachedAnalyses,
} from "@/server/cache/analysis-cache";
import { findCachedReadmes, storeReadmes } from "@/server/cache/readme-cache";
import { pruneRepositories, upsertRepositories } from "@/server/repos/repo-records";
import { createRun, saveAnalysisResults } from "@/server/runs/run-writes";
import { searchFiltersSchema } from "@/shared/filters";
import { type RepoMetadata } from "@/shared/repos";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";
import { LOCAL_USER_ID } from "@/server/auth/viewer";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-03-01T00:00:00Z");

function repo(githubId: number, name: string): RepoMetadata {
  return {
    githubId,
    owner: "acme",
    name,
    fullName: `acme/${name}`,
    url: `https://github.com/acme/${name}`,
    description: null,
    primaryLanguage: "Go",
    languages: ["Go"],
    stars: 10,
    forks: 1,
    openIssues: 3,
    topics: [],
    license: "MIT",
    pushedAt: "2026-01-01T00:00:00.000Z",
    createdAt: "2020-01-01T00:00:00.000Z",
    goodFirstIssues: 1,
    helpWantedIssues: 0,
  };
}

describe.each(storeKinds)("repository pruning (%s)", (kind) => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await createTempStore(kind);
  });
  afterAll(() => temp.cleanup());

  it("deletes only repositories unseen for 30 days that no analysis references", async () => {
    const { db } = temp;
    await upsertRepositories({
      db,
      repos: [repo(1, "stale"), repo(2, "stale-but-analyzed")],
      now: new Date(now.getTime() - 31 * DAY),
    });
    await upsertRepositories({ db, repos: [repo(3, "recent")], now: new Date(now.getTime() - 29 * DAY) });
    await createRun({
      db,
      runId: "run-1",
      userId: LOCAL_USER_ID,
      filters: searchFiltersSchema.parse({ languages: ["Go"] }),
      clientKey: "test",
      now,
    });
    await saveAnalysisResults({
      db,
      runId: "run-1",
      results: [
        {
          repo: "acme/stale-but-analyzed",
          fitScore: 7,
          reason: "Good fit.",
          contributions: ["Docs"],
          reject: false,
          rejectReason: null,
        },
      ],
      repoIdsByName: new Map([["acme/stale-but-analyzed", 2]]),
    });

    expect(await pruneRepositories({ db, now })).toBe(1);
    const left = await db.repository.findMany({ select: { fullName: true }, orderBy: { githubId: "asc" } });
    expect(left.map((row) => row.fullName)).toEqual(["acme/stale-but-analyzed", "acme/recent"]);
  });

  it("goes with start-up housekeeping, which also drops expired cached analyses and long-unused READMEs", async () => {
    const { db } = temp;
    const parts = (repositoryId: number) => ({
      repositoryId,
      readme: null,
      profileHash: "profile",
      analyzerKind: "heuristic" as const,
      model: null,
      promptVersion: "1",
    });
    const result = (repo: string) => ({
      repo,
      fitScore: 5,
      reason: "Partial overlap.",
      contributions: ["Docs"],
      reject: false,
      rejectReason: null,
    });
    await storeCachedAnalyses({
      db,
      entries: [{ parts: parts(11), result: result("acme/old"), inputTokens: 10 }],
      now: new Date(now.getTime() - 8 * DAY),
    });
    await storeCachedAnalyses({
      db,
      entries: [{ parts: parts(12), result: result("acme/new"), inputTokens: 10 }],
      now: new Date(now.getTime() - DAY),
    });
    const oldRepo = { githubId: 11, fullName: "acme/old", pushedAt: "2026-01-01T00:00:00.000Z" };
    const newRepo = { githubId: 12, fullName: "acme/new", pushedAt: "2026-01-01T00:00:00.000Z" };
    await storeReadmes({
      db,
      entries: [{ repo: oldRepo, readme: "# Old" }],
      now: new Date(now.getTime() - 31 * DAY),
    });
    await storeReadmes({
      db,
      entries: [{ repo: newRepo, readme: "# New" }],
      now: new Date(now.getTime() - DAY),
    });

    await recoverAndPrune({ db, clock: () => now, logger: { error: () => {}, warn: () => {} } });

    expect(await db.analysisCacheEntry.findMany({ select: { repositoryId: true } })).toEqual([
      { repositoryId: 12 },
    ]);
    const keys = [buildAnalysisCacheKey(parts(12))];
    expect((await findCachedAnalyses({ db, keys, now })).size).toBe(1);
    expect([...(await findCachedReadmes({ db, repos: [oldRepo, newRepo] })).keys()]).toEqual(["acme/new"]);
  });
});
