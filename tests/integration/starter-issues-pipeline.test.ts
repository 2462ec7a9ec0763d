import { stringMatching } from "../support/matchers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ScoutEvent } from "@/shared/events";
import type { ScoutSearchResult } from "@/shared/runs";
import {
  callerFor,
  collectRunEvents,
  startHarness,
  typicalProfile,
  waitForRunEvent,
  type Harness,
} from "../support/scout-harness";

/**
 * Starter issues and health through the whole pipeline: the live source over HTTP against the test GitHub
 * server (the demo catalog's issues), the LLM analyzer against the test LLM server, a real database.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(() => harness.reset());

async function runToEnd(
  filters: Parameters<ReturnType<typeof callerFor>["scout"]["search"]>[0],
  env: Record<string, string> = {},
) {
  const deps = harness.deps({ env });
  const caller = callerFor(deps);
  await caller.profile.save(typicalProfile);
  const { runId } = await caller.scout.search(filters);
  const events = await collectRunEvents(deps, runId);
  return { events, result: await caller.scout.results({ runId }) };
}

const unclaimedOf = (repo: ScoutSearchResult["repos"][number]) =>
  (repo.starterIssues ?? []).filter((issue) => !issue.claimed);

describe("starter issues through the pipeline", () => {
  it("costs the search pages plus one GitHub query per 20 candidates, README and details together", async () => {
    const { result } = await runToEnd(
      { languages: ["Python", "TypeScript"], minStars: 0 },
      { SCOUT_MAX_REPOS: "50" },
    );

    expect(result.repos).toHaveLength(50);
    const requests = harness.github.graphqlRequests();
    const isSearch = (query: string | undefined) => query?.includes("search(") ?? false;
    const searches = requests.filter((request) => isSearch(request.graphql?.query));
    const details = requests.filter((request) => !isSearch(request.graphql?.query));
    // More matches than the best match's three pages reach: the work lanes search too.
    expect(searches.length).toBeGreaterThan(3);
    expect(result.usage.searchRequests).toBe(searches.length);
    expect(details).toHaveLength(3);
    expect(result.usage.githubRequests).toBe(searches.length + 3);
    // GitHub's rate-limit points: 5 per search page, 13 + 13 + 6 for the candidates; within twice the
    // 47 points the one search cost before lanes.
    expect(searches.map((request) => request.cost?.cost)).toEqual(searches.map(() => 5));
    expect(details.map((request) => request.cost?.cost)).toEqual([13, 13, 6]);
    const cost = requests.reduce((sum, request) => sum + (request.cost?.cost ?? 0), 0);
    expect(cost).toBeLessThanOrEqual(2 * 47);
  });

  it("returns each candidate's starter issues and health, and picks only unclaimed ones it was shown", async () => {
    const { result } = await runToEnd({ languages: ["Python"], minStars: 0 });

    expect(result.repos).toHaveLength(20);
    for (const repo of result.repos) {
      expect(typeof repo.health?.hasContributingGuide).toBe("boolean");
      expect(Array.isArray(repo.starterIssues)).toBe(true);
    }
    expect(result.repos.some((repo) => (repo.starterIssues ?? []).some((issue) => issue.claimed))).toBe(true);
    const reposByName = new Map(result.repos.map((repo) => [repo.fullName, repo]));
    let picks = 0;
    for (const entry of [...result.results, ...(result.rejected ?? [])]) {
      const repo = reposByName.get(entry.repo);
      if (!repo) throw new Error(`${entry.repo} is not among the candidates`);
      const unclaimed = new Set(unclaimedOf(repo).map((issue) => issue.number));
      for (const pick of entry.pickedIssues ?? []) expect(unclaimed.has(pick.number)).toBe(true);
      picks += entry.pickedIssues?.length ?? 0;
    }
    expect(picks).toBeGreaterThan(10);
    // The prompts never showed a claimed issue's title (unless an unclaimed one, anywhere, has it too).
    const prompts = harness.openai.requests.map((request) => request.user).join("\n");
    const unclaimedTitles = new Set(
      result.repos.flatMap((repo) => unclaimedOf(repo).map((issue) => issue.title)),
    );
    for (const repo of result.repos)
      for (const issue of repo.starterIssues ?? [])
        if (issue.claimed && !unclaimedTitles.has(issue.title))
          expect(prompts).not.toContain(JSON.stringify(issue.title));
  });

  it("shows the details mid-run, as soon as the first results arrive", async () => {
    const deps = harness.deps();
    const caller = callerFor(deps);
    await caller.profile.save(typicalProfile);
    const { runId } = await caller.scout.search({ languages: ["Go"], minStars: 0 });
    await waitForRunEvent(deps, runId, (event) => event.type === "results");
    const midRun = await caller.scout.results({ runId });
    expect(midRun.repos.every((repo) => repo.health !== undefined)).toBe(true);
    expect(midRun.results.some((entry) => (entry.pickedIssues ?? []).length > 0)).toBe(true);
    await collectRunEvents(deps, runId);
  });
});

describe("requireStarterIssues", () => {
  it("analyzes only repositories with an unclaimed starter issue", async () => {
    const without = await runToEnd({ languages: ["Python"], minStars: 0 });
    // Forgets the analyses just made too, so every repository of the next run is sent to the analyzer.
    await harness.reset();
    const { events, result } = await runToEnd({
      languages: ["Python"],
      minStars: 0,
      requireStarterIssues: true,
    });

    // Before the cap, discovery's counts drop those with no starter-labelled issue at all ...
    expect(without.result.totalFiltered).toBe(161);
    expect(result.totalFiltered).toBe(115);
    // Without the requirement, those with starter-labelled issues merely rank first: here they fill the 20.
    expect(without.result.repos.every((repo) => repo.goodFirstIssues + repo.helpWantedIssues > 0)).toBe(true);
    // ... and after the details, the one whose starter issues are all claimed; its place goes to the next
    // repository in the ranking.
    expect(events).toContainEqual(
      expect.objectContaining({ type: "status", message: "20 of 21 repos have unclaimed starter issues" }),
    );
    expect(result.repos).toHaveLength(20);
    expect(result.repos.map((repo) => repo.fullName)).not.toContain("pedor-works/py-web");
    expect(result.filteredOut).toContainEqual({
      repo: "pedor-works/py-web",
      reason: stringMatching(/already claimed/),
    });
    for (const repo of result.repos) expect(unclaimedOf(repo).length).toBeGreaterThan(0);
    expect(result.totalAnalyzed).toBe(20);
    const asked = harness.openai.requests.flatMap((request) => request.repoIds);
    expect(asked.sort()).toEqual(result.repos.map((repo) => repo.fullName).sort());
    expect(result.filters?.requireStarterIssues).toBe(true);
  });

  it("keeps a repository whose details could not be loaded, and says it could not check it", async () => {
    // Discovery takes 2 pages; the merged query fails twice, and its README-only retry succeeds.
    harness.github.inject({ kind: "status", status: 502, times: 2, after: 2 });
    const { events, result } = await runToEnd({
      languages: ["Python"],
      minStars: 0,
      requireStarterIssues: true,
    });

    expect(result.status).toBe("completed");
    expect(result.repos).toHaveLength(20);
    expect(result.repos.every((repo) => repo.starterIssues === undefined)).toBe(true);
    const warning = result.warnings.find((message) => message.startsWith("Could not check that"));
    expect(warning).toMatch(
      /still have an unclaimed starter issue; kept, since GitHub counts starter-labelled issues for them\.$/,
    );
    expect(events).toContainEqual<ScoutEvent>({ type: "warning", message: warning ?? "" });
    expect(result.warnings.some((message) => message.startsWith("Could not load the starter issues"))).toBe(
      true,
    );
  });

  it("ends like any filter that leaves nothing when no candidate has a starter issue", async () => {
    const { events, result } = await runToEnd({
      languages: ["Python"],
      minStars: 0,
      query: "tutorial",
      requireStarterIssues: true,
    });
    expect(events.at(-1)).toMatchObject({ type: "error", reason: "all-filtered" });
    expect(result.repos).toEqual([]);
    expect(harness.openai.requests).toHaveLength(0);
  });
});
