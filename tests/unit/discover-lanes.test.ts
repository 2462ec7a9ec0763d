import { describe, expect, it } from "vitest";
import {
  discoverAcrossLanes,
  mergeLaneOutcomes,
  splitDiscoveryLimit,
} from "@/server/pipeline/discover-lanes";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import type { RepositorySource } from "@/server/sources/repository-source";
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

  it("split the budget: the best match keeps half, each work lane a page at least", () => {
    expect(splitDiscoveryLimit(300, 100)).toEqual({
      starter: 100,
      "help-wanted": 100,
      active: 100,
      "best-match": 100,
    });
    expect(splitDiscoveryLimit(600, 100)).toEqual({
      starter: 100,
      "help-wanted": 100,
      active: 100,
      "best-match": 300,
    });
  });

  it("merge into one list, each repository once, with every lane that found it", () => {
    const merged = mergeLaneOutcomes([
      { lane: "best-match", outcome: outcome([1, 2, 3], 900, ["capped"]) },
      { lane: "starter", outcome: outcome([3, 4], 40, ["capped"]) },
      { lane: "active", outcome: outcome([5, 1]) },
    ]);
    expect(merged.repos.map((entry) => [entry.githubId, entry.discoveredBy])).toEqual([
      [3, ["starter", "best-match"]],
      [4, ["starter"]],
      [5, ["active"]],
      [1, ["active", "best-match"]],
      [2, ["best-match"]],
    ]);
    expect(merged).toMatchObject({ totalCount: 900, warnings: ["capped"], requests: 3 });
  });

  it("run side by side on the catalog, and keep the others when one lane fails", async () => {
    const catalog = createCatalogSource({
      catalog: generateDemoCatalog({ now: NOW }),
      readmeMaxChars: 1000,
      now: () => NOW,
    });
    const limits = splitDiscoveryLimit(300, 100);
    const found = await discoverAcrossLanes({ source: catalog, filters, limits });
    expect(found.repos.length).toBeGreaterThan(0);
    expect(found.repos.some((entry) => entry.discoveredBy?.includes("starter"))).toBe(true);
    expect(
      found.repos
        .filter((entry) => entry.discoveredBy?.includes("starter"))
        .every((entry) => entry.goodFirstIssues > 0),
    ).toBe(true);

    const flaky: Pick<RepositorySource, "searchRepositories"> = {
      searchRepositories: (searchFilters, options) =>
        options.lane === "active"
          ? Promise.reject(new Error("secondary rate limit"))
          : catalog.searchRepositories(searchFilters, options),
    };
    const partial = await discoverAcrossLanes({ source: flaky, filters, limits });
    expect(partial.warnings.at(-1)).toContain('"active"');
    expect(partial.repos.every((entry) => !entry.discoveredBy?.includes("active"))).toBe(true);
  });
});
