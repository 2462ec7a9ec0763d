import { describe, expect, it } from "vitest";
import {
  discoverAcrossLanes,
  mergeLaneOutcomes,
  planLanePages,
  splitPushedWindow,
} from "@/server/pipeline/discover-lanes";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import {
  RESULT_CAP_WARNING,
  type RepositorySource,
  type SearchRepositoriesOptions,
} from "@/server/sources/repository-source";
import { searchFiltersSchema } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";
import { planSearchQuery, searchLanes } from "@/shared/search-query";

const NOW = new Date("2025-06-01T12:00:00Z");
const filters = searchFiltersSchema.parse({ languages: ["Python"], minStars: 0 });

const repo = (githubId: number): RepoMetadata =>
  ({ githubId, fullName: `o/r${githubId}` }) as unknown as RepoMetadata;
const outcome = (ids: number[], totalCount = ids.length, warnings: string[] = []) => ({
  repos: ids.map(repo),
  totalCount,
  warnings,
  requests: 1,
});

/**
 * A source whose every search matches `matching` repositories (GitHub's count) and serves pages of made-up
 * ones, distinct per lane, date range and page, recording each call.
 */
function recordingSource(matching: (options: SearchRepositoriesOptions) => number) {
  const calls: SearchRepositoriesOptions[] = [];
  const source: Pick<RepositorySource, "searchRepositories"> = {
    searchRepositories: (_filters, options) => {
      calls.push(options);
      const total = matching(options);
      const start = Number(options.after ?? 0);
      const reachable = Math.min(total, 1000);
      const end = Math.min(start + options.limit, reachable);
      const salt = (searchLanes.indexOf(options.lane ?? "best-match") + 1) * 1_000_000;
      const rangeSalt = options.pushed ? Date.parse(options.pushed.from) / 86_400_000 : 0;
      const ids = Array.from(
        { length: Math.max(0, end - start) },
        (_, i) => salt + rangeSalt * 1000 + start + i,
      );
      return Promise.resolve({
        ...outcome(ids, total, total >= 1000 ? [RESULT_CAP_WARNING] : []),
        endCursor: end < reachable ? String(end) : null,
      });
    },
  };
  return { source, calls };
}

describe("discovery's lanes", () => {
  it("add their qualifiers and sort to the same filters", () => {
    const queries = Object.fromEntries(
      searchLanes.map((lane) => {
        const plan = planSearchQuery({ filters, today: NOW, lane });
        return [lane, plan.kind === "ok" ? plan.query : plan.kind];
      }),
    );
    const base = queries["best-match"] ?? "";
    expect(base).not.toMatch(/good-first-issues|help-wanted-issues|sort:/);
    expect(queries.starter).toBe(`${base.replace(" fork:false", "")} good-first-issues:>0 fork:false`);
    expect(queries["help-wanted"]).toContain("help-wanted-issues:>0 sort:help-wanted-issues");
    expect(queries.active).toContain("sort:updated");
  });

  it("read what one search read in the best match, and about as much again in the work lanes", () => {
    expect(planLanePages(300)).toEqual({ starter: 2, "help-wanted": 1, active: 1, "best-match": 3 });
    expect(planLanePages(600)).toEqual({ starter: 3, "help-wanted": 1, active: 1, "best-match": 6 });
    expect(planLanePages(100)).toEqual({ starter: 1, "help-wanted": 1, active: 1, "best-match": 1 });
    expect(planLanePages(1000)).toEqual({ starter: 5, "help-wanted": 2, active: 2, "best-match": 10 });
  });

  it("split a push-date window into consecutive ranges that cover it once", () => {
    expect(splitPushedWindow({ from: "2024-12-01", to: "2025-06-01" }, 3)).toEqual([
      { from: "2024-12-01", to: "2025-01-30" },
      { from: "2025-01-31", to: "2025-04-01" },
      { from: "2025-04-02", to: "2025-06-01" },
    ]);
    expect(splitPushedWindow({ from: "2025-06-01", to: "2025-06-01" }, 4)).toEqual([
      { from: "2025-06-01", to: "2025-06-01" },
    ]);
  });

  it("merge into one list, each repository once, with every lane that found it", () => {
    const merged = mergeLaneOutcomes([
      { lane: "best-match", outcome: outcome([1, 2, 3], 900, ["slow"]) },
      { lane: "starter", outcome: outcome([3, 4], 40, ["slow"]) },
      { lane: "active", outcome: outcome([5, 1]) },
    ]);
    expect(merged.repos.map((entry) => [entry.githubId, entry.discoveredBy])).toEqual([
      [3, ["starter", "best-match"]],
      [4, ["starter"]],
      [5, ["active"]],
      [1, ["active", "best-match"]],
      [2, ["best-match"]],
    ]);
    expect(merged).toMatchObject({ totalCount: 900, warnings: ["slow"], requests: 3 });
  });

  it("send only the best match when its own pages reach every match", async () => {
    const { source, calls } = recordingSource(() => 260);
    const found = await discoverAcrossLanes({ source, filters, pages: planLanePages(300), today: NOW });
    expect(calls.map((call) => [call.lane, call.after])).toEqual([
      ["best-match", undefined],
      ["best-match", "100"],
    ]);
    expect(found.repos).toHaveLength(260);
    expect(found.repos.every((entry) => entry.discoveredBy?.join() === "best-match")).toBe(true);
  });

  it("run every lane when the filters match more than a page, each within its pages", async () => {
    const { source, calls } = recordingSource(({ lane }) => (lane === "starter" ? 150 : 800));
    const found = await discoverAcrossLanes({ source, filters, pages: planLanePages(300), today: NOW });
    const pagesRead = (lane: string) =>
      calls.filter((call) => call.lane === lane).reduce((sum, call) => sum + call.limit / 100, 0);
    expect(pagesRead("best-match")).toBe(3);
    expect(pagesRead("starter")).toBe(2);
    expect(pagesRead("help-wanted")).toBe(1);
    expect(pagesRead("active")).toBe(1);
    // The further page continues where the first ended instead of reading it again.
    expect(calls.filter((call) => call.lane === "best-match").map((call) => call.after)).toEqual([
      undefined,
      "100",
    ]);
    expect(found.repos).toHaveLength(300 + 150 + 100 + 100);
    expect(found.totalCount).toBe(800);
    expect(found.warnings).toEqual([]);
  });

  it("split a lane past GitHub's 1,000 results over push-date ranges, and say the result is a sample", async () => {
    const { source, calls } = recordingSource(({ pushed }) => (pushed ? 700 : 2500));
    const found = await discoverAcrossLanes({ source, filters, pages: planLanePages(300), today: NOW });
    const starterRanges = calls.filter((call) => call.lane === "starter" && call.pushed);
    expect(starterRanges.map((call) => call.pushed)).toEqual([
      { from: "2024-12-01", to: "2025-03-01" },
      { from: "2025-03-02", to: "2025-06-01" },
    ]);
    expect(calls.some((call) => call.after !== undefined)).toBe(false);
    expect(found.warnings).toHaveLength(1);
    expect(found.warnings[0]).toContain("Results may be incomplete (GitHub caps at 1,000)");
    expect(found.warnings[0]).toContain(`2,500 repositories match`);
    expect(found.warnings[0]).toContain(`a sample of ${found.repos.length}`);
  });

  it("leave out a lane whose search would be too long for GitHub", async () => {
    // 256 characters at most: the best match fits, the help-wanted lane's 46 more characters do not.
    const long = searchFiltersSchema.parse({ languages: ["Python"], minStars: 0, query: "x".repeat(150) });
    const { source, calls } = recordingSource(() => 800);
    await discoverAcrossLanes({ source, filters: long, pages: planLanePages(300), today: NOW });
    expect(calls.some((call) => call.lane === "help-wanted")).toBe(false);
    expect(calls.some((call) => call.lane === "starter")).toBe(true);
  });

  it("find on the catalog, with the starter lane finding only repositories with starter issues", async () => {
    const catalog = createCatalogSource({
      catalog: generateDemoCatalog({ now: NOW }),
      readmeMaxChars: 1000,
      now: () => NOW,
    });
    const found = await discoverAcrossLanes({
      source: catalog,
      filters,
      // One page for the best match: Python has more matches, so every lane searches.
      pages: planLanePages(100),
      today: NOW,
    });
    const starter = found.repos.filter((entry) => entry.discoveredBy?.includes("starter"));
    expect(starter.length).toBeGreaterThan(0);
    expect(starter.every((entry) => entry.goodFirstIssues > 0)).toBe(true);
    expect(new Set(found.repos.map((entry) => entry.githubId)).size).toBe(found.repos.length);
  });

  it("keep the other lanes when one fails, and fail when the first search does", async () => {
    const { source } = recordingSource(() => 800);
    const flaky: Pick<RepositorySource, "searchRepositories"> = {
      searchRepositories: (searchFilters, options) =>
        options.lane === "active"
          ? Promise.reject(new Error("secondary rate limit"))
          : source.searchRepositories(searchFilters, options),
    };
    const partial = await discoverAcrossLanes({
      source: flaky,
      filters,
      pages: planLanePages(300),
      today: NOW,
    });
    expect(partial.warnings.at(-1)).toContain('"active"');
    expect(partial.repos.some((entry) => entry.discoveredBy?.includes("starter"))).toBe(true);
    expect(partial.repos.every((entry) => !entry.discoveredBy?.includes("active"))).toBe(true);

    const down: Pick<RepositorySource, "searchRepositories"> = {
      searchRepositories: () => Promise.reject(new Error("GitHub is down")),
    };
    await expect(
      discoverAcrossLanes({ source: down, filters, pages: planLanePages(300), today: NOW }),
    ).rejects.toThrow("GitHub is down");
  });
});
