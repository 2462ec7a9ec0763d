import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getRunResult } from "@/server/pipeline/get-run-result";
import type { RepositorySource } from "@/server/sources/repository-source";
import type { ScoutEvent } from "@/shared/events";
import { searchLanes, type SearchLane } from "@/shared/search-query";
import { makeRepo } from "../support/llm-analysis-fixtures";
import {
  HARNESS_NOW,
  callerFor,
  collectRunEvents,
  startHarness,
  typicalProfile,
  type Harness,
} from "../support/scout-harness";
import { seedRun } from "../support/seed-runs";

/**
 * Discovery runs several searches (lanes) and knows which of them found each repository. Repository rows are
 * shared by every run, so the run keeps that per candidate, and its result gives it back on each repo.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(() => harness.reset());

/** The harness's source, noting which repositories each lane's search answered with. */
function recordLaneAnswers(base: RepositorySource) {
  const answered = new Map<SearchLane, Set<number>>();
  const source: RepositorySource = {
    kind: base.kind,
    webOrigin: base.webOrigin,
    searchRepositories: async (filters, options) => {
      const outcome = await base.searchRepositories(filters, options);
      const lane = options.lane ?? "best-match";
      const seen = answered.get(lane) ?? new Set<number>();
      for (const repo of outcome.repos) seen.add(repo.githubId);
      answered.set(lane, seen);
      return outcome;
    },
    fetchCandidateDetails: (repos, options) => base.fetchCandidateDetails(repos, options),
    lookUpIssues: (issues, options) => base.lookUpIssues(issues, options),
  };
  const lanesOf = (githubId: number) => searchLanes.filter((lane) => answered.get(lane)?.has(githubId));
  return { source, lanesOf };
}

describe("the lanes that found each candidate", () => {
  it("are kept with the run and returned on each of its repos", async () => {
    const recorded = recordLaneAnswers(harness.deps().source);
    // A generous analysis timeout: this test is about discovery, not about batches timing out under load.
    const deps = harness.deps({ source: recorded.source, env: { SCOUT_ANALYSIS_TIMEOUT_MS: "30000" } });
    const caller = callerFor(deps);
    await caller.profile.save(typicalProfile);
    // More matches than the best match's two pages reach, so the work lanes search too.
    const { runId } = await caller.scout.search({ languages: ["Python", "TypeScript"], minStars: 0 });
    const events = await collectRunEvents(deps, runId);
    const complete = events.at(-1) as Extract<ScoutEvent, { type: "complete" }>;
    expect(complete.type).toBe("complete");

    const result = await caller.scout.results({ runId });
    expect(result.repos).toHaveLength(20);
    for (const repo of result.repos) {
      expect(recorded.lanesOf(repo.githubId)).not.toHaveLength(0);
      expect({ repo: repo.fullName, discoveredBy: repo.discoveredBy }).toEqual({
        repo: repo.fullName,
        discoveredBy: recorded.lanesOf(repo.githubId),
      });
    }
    // Not only the plain search: some candidates were found by a work lane.
    expect(result.repos.some((repo) => (repo.discoveredBy ?? []).some((lane) => lane !== "best-match"))).toBe(
      true,
    );
    // The complete event carries the same result.
    expect(complete.data.repos.map((repo) => repo.discoveredBy)).toEqual(
      result.repos.map((repo) => repo.discoveredBy),
    );
  }, 60_000);

  it("are absent, without complaint, from a run stored before they were kept", async () => {
    await seedRun({
      db: harness.temp.db,
      runId: "run-before-lanes",
      startedAt: HARNESS_NOW,
      analyses: [{ repo: makeRepo("acme/older"), fitScore: 7 }],
    });
    const logsBefore = harness.logs.length;

    const result = await getRunResult({ ...harness.deps(), runId: "run-before-lanes", access: "server" });

    expect(result.repos.map((repo) => repo.fullName)).toEqual(["acme/older"]);
    expect(result.repos[0]).not.toHaveProperty("discoveredBy");
    expect(harness.logs.slice(logsBefore)).toEqual([]);
  });

  it("read as absent when the stored value no longer validates, and the rest of the run is served", async () => {
    const repo = makeRepo("acme/damaged-lanes");
    await seedRun({
      db: harness.temp.db,
      runId: "run-damaged-lanes",
      startedAt: HARNESS_NOW,
      analyses: [{ repo, fitScore: 6 }],
    });
    await harness.temp.db.searchRun.update({
      where: { id: "run-damaged-lanes" },
      data: { candidateLanes: { [String(repo.githubId)]: ["a-lane-that-never-was"] } },
    });
    const logsBefore = harness.logs.length;

    const result = await getRunResult({ ...harness.deps(), runId: "run-damaged-lanes", access: "server" });

    expect(result.results.map((analysis) => analysis.repo)).toEqual(["acme/damaged-lanes"]);
    expect(result.repos[0]).not.toHaveProperty("discoveredBy");
    expect(
      harness.logs
        .slice(logsBefore)
        .filter((line) => line.includes("Run run-damaged-lanes") && line.includes("candidateLanes")),
    ).toHaveLength(1);
  });
});
