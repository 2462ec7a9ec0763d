import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ANALYSIS_CACHE_TTL_MS,
  buildAnalysisCacheKey,
  deleteExpiredAnalyses,
  findCachedAnalyses,
  storeCachedAnalyses,
  type AnalysisCacheKeyParts,
} from "@/server/cache/analysis-cache";
import { hashAnalysisProfile } from "@/server/profile/profile-hash";
import type { AnalysisResult } from "@/shared/analysis";
import type { StarterIssue } from "@/shared/repos";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

const NOW = new Date("2026-11-29T12:00:00Z");
const HOUR = 60 * 60 * 1000;

const goDeveloper = hashAnalysisProfile({
  languages: ["Go"],
  topics: ["cli"],
  skillLevel: "beginner",
  goals: "Learn by fixing small bugs",
});
const rustDeveloper = hashAnalysisProfile({
  languages: ["Rust"],
  topics: ["cli"],
  skillLevel: "advanced",
  goals: "Work on performance",
});

const issue = (number: number, overrides: Partial<StarterIssue> = {}): StarterIssue => ({
  number,
  title: `Fix typo ${number}`,
  url: `https://github.com/acme/tool/issues/${number}`,
  labels: ["good first issue", "docs"],
  createdAt: "2026-11-01T00:00:00Z",
  updatedAt: "2026-11-20T00:00:00Z",
  comments: 1,
  claimed: false,
  ...overrides,
});

const baseParts: AnalysisCacheKeyParts = {
  repositoryId: 101,
  readme: "# Tool\nA command-line tool.",
  starterIssues: [issue(1), issue(2)],
  profileHash: goDeveloper,
  analyzerKind: "llm",
  model: "gpt-4.1-mini",
  promptVersion: "3",
};

const verdict = (reason: string): AnalysisResult => ({
  repo: "acme/tool",
  fitScore: 8,
  reason,
  contributions: ["#1 Fix typo 1"],
  reject: false,
  rejectReason: null,
  pickedIssues: [{ number: 1, why: "A small first change" }],
});

describe.each(storeKinds)("the analysis cache (%s)", (kind) => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await createTempStore(kind);
  });
  afterAll(() => temp.cleanup());
  beforeEach(async () => {
    await temp.db.analysisCacheEntry.deleteMany();
  });

  /** Stores one verdict under `stored`, then looks `asked` up; what comes back, if anything. */
  async function lookUp(stored: AnalysisCacheKeyParts, asked: AnalysisCacheKeyParts, at = NOW) {
    await storeCachedAnalyses({
      db: temp.db,
      entries: [{ parts: stored, result: verdict("stored"), inputTokens: 412.4 }],
      now: NOW,
    });
    const key = buildAnalysisCacheKey(asked);
    return (await findCachedAnalyses({ db: temp.db, keys: [key], now: at })).get(key);
  }

  it("serves the stored verdict, and what it cost, for an identical repeat", async () => {
    const hit = await lookUp(baseParts, { ...baseParts });

    expect(hit).toEqual({ result: verdict("stored"), inputTokens: 412 });
  });

  it("treats the same starter issues in another order, or with labels reordered, as the same", async () => {
    const reordered = [issue(2), issue(1, { labels: ["docs", "good first issue"] })];

    expect(await lookUp(baseParts, { ...baseParts, starterIssues: reordered })).toBeDefined();
  });

  it.each<[string, Partial<AnalysisCacheKeyParts>]>([
    ["the README changed", { readme: "# Tool\nA command-line tool, rewritten." }],
    ["the README is gone", { readme: null }],
    ["the profile changed", { profileHash: rustDeveloper }],
    ["the model changed", { model: "gpt-4.1" }],
    ["the analyzer changed", { analyzerKind: "heuristic", model: null }],
    ["the prompt version changed", { promptVersion: "4" }],
    ["another repository", { repositoryId: 102 }],
    ["a starter issue was added", { starterIssues: [issue(1), issue(2), issue(3)] }],
    ["a starter issue was claimed", { starterIssues: [issue(1), issue(2, { claimed: true })] }],
    ["a starter issue got a comment", { starterIssues: [issue(1), issue(2, { comments: 2 })] }],
    ["a starter issue was renamed", { starterIssues: [issue(1), issue(2, { title: "Fix the typo" })] }],
    ["the starter issues could not be loaded", { starterIssues: undefined }],
    ["no starter issue is open any more", { starterIssues: [] }],
  ])("misses when %s", async (_change, change) => {
    expect(await lookUp(baseParts, { ...baseParts, ...change })).toBeUndefined();
  });

  it("expires a verdict 8 days after it was stored, so a weekly watch's next run still finds it", async () => {
    expect(ANALYSIS_CACHE_TTL_MS).toBe(8 * 24 * HOUR);
    const justBefore = new Date(NOW.getTime() + ANALYSIS_CACHE_TTL_MS - HOUR);
    const justAfter = new Date(NOW.getTime() + ANALYSIS_CACHE_TTL_MS + HOUR);

    expect(await lookUp(baseParts, baseParts, justBefore)).toBeDefined();
    expect(await lookUp(baseParts, baseParts, justAfter)).toBeUndefined();
  });

  it("keeps each profile's verdict apart for the same repository", async () => {
    const forRust = { ...baseParts, profileHash: rustDeveloper };
    await storeCachedAnalyses({
      db: temp.db,
      entries: [
        { parts: baseParts, result: verdict("fits the Go beginner"), inputTokens: 300 },
        {
          parts: forRust,
          result: { ...verdict("too small for a Rust expert"), fitScore: 2 },
          inputTokens: 310,
        },
      ],
      now: NOW,
    });
    const goKey = buildAnalysisCacheKey(baseParts);
    const rustKey = buildAnalysisCacheKey(forRust);
    const found = await findCachedAnalyses({ db: temp.db, keys: [goKey, rustKey], now: NOW });

    expect(found.get(goKey)?.result.reason).toBe("fits the Go beginner");
    expect(found.get(rustKey)?.result).toMatchObject({ reason: "too small for a Rust expert", fitScore: 2 });
  });

  it("replaces a verdict stored again under the same key, with a fresh week", async () => {
    const later = new Date(NOW.getTime() + 6 * 24 * HOUR);
    await storeCachedAnalyses({
      db: temp.db,
      entries: [{ parts: baseParts, result: verdict("first"), inputTokens: 100 }],
      now: NOW,
    });
    await storeCachedAnalyses({
      db: temp.db,
      entries: [{ parts: baseParts, result: verdict("second"), inputTokens: 200 }],
      now: later,
    });
    const key = buildAnalysisCacheKey(baseParts);
    const inEightDays = new Date(NOW.getTime() + 8 * 24 * HOUR);

    expect((await findCachedAnalyses({ db: temp.db, keys: [key], now: inEightDays })).get(key)).toEqual({
      result: verdict("second"),
      inputTokens: 200,
    });
  });

  it("reads a stored verdict that no longer validates as a miss, and serves the others", async () => {
    const other = { ...baseParts, repositoryId: 202 };
    await storeCachedAnalyses({
      db: temp.db,
      entries: [
        { parts: baseParts, result: verdict("damaged later"), inputTokens: 100 },
        { parts: other, result: verdict("intact"), inputTokens: 100 },
      ],
      now: NOW,
    });
    const damagedKey = buildAnalysisCacheKey(baseParts);
    await temp.db.analysisCacheEntry.update({
      where: { key: damagedKey },
      data: { result: { repo: "acme/tool", fitScore: "very high" } },
    });
    const otherKey = buildAnalysisCacheKey(other);
    const found = await findCachedAnalyses({ db: temp.db, keys: [damagedKey, otherKey], now: NOW });

    expect(found.has(damagedKey)).toBe(false);
    expect(found.get(otherKey)?.result.reason).toBe("intact");
  });

  it("deletes expired verdicts in housekeeping and keeps the rest", async () => {
    const older = { ...baseParts, repositoryId: 303 };
    await storeCachedAnalyses({
      db: temp.db,
      entries: [{ parts: older, result: verdict("old"), inputTokens: 1 }],
      now: new Date(NOW.getTime() - 8 * 24 * HOUR),
    });
    await storeCachedAnalyses({
      db: temp.db,
      entries: [{ parts: baseParts, result: verdict("new"), inputTokens: 1 }],
      now: NOW,
    });

    expect(await deleteExpiredAnalyses({ db: temp.db, now: NOW })).toBe(1);
    expect(await temp.db.analysisCacheEntry.findMany({ select: { repositoryId: true } })).toEqual([
      { repositoryId: 101 },
    ]);
  });
});
