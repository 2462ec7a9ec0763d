import { describe, expect, it } from "vitest";
import { demoCatalogLandmarks } from "@/server/sources/catalog/catalog-landmarks";
import type { CatalogRepo } from "@/server/sources/catalog/demo-catalog";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { AppError } from "@/server/errors";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import { RESULT_CAP_WARNING } from "@/server/sources/repository-source";
import { isStarterLabel } from "@/shared/starter-labels";
import { searchFilterDefaults, searchFiltersSchema, type SearchFiltersInput } from "@/shared/filters";
import { type RepoMetadata } from "@/shared/repos";
import { stringContaining } from "../support/matchers";

const now = new Date("2026-11-25T12:00:00Z");
const catalog = generateDemoCatalog({ now });
const source = createCatalogSource({ catalog, readmeMaxChars: 16_000, now: () => now });
const filtersOf = (input: SearchFiltersInput) => searchFiltersSchema.parse(input);

function catalogRepoOf(fullName: string): CatalogRepo {
  const [owner = "", name = ""] = fullName.split("/");
  const repo = catalog.findRepo(owner, name);
  if (!repo) throw new Error(`${fullName} is not in the catalog`);
  return repo;
}
const metadataOf = (fullName: string): RepoMetadata => catalogRepoOf(fullName).metadata;

describe("the catalog RepositorySource", () => {
  it("is the catalog kind and costs no GitHub requests", async () => {
    expect(source.kind).toBe("catalog");
    const outcome = await source.searchRepositories(filtersOf({ languages: ["Python"] }), { limit: 50 });
    expect(outcome.requests).toBe(0);
    expect((await source.fetchCandidateDetails(outcome.repos, {})).requests).toBe(0);
  });

  it("finds active, non-archived, non-fork repositories in the chosen languages and star range", async () => {
    const outcome = await source.searchRepositories(
      filtersOf({ languages: ["Python", "TypeScript"], minStars: 50, maxStars: 5000 }),
      { limit: 1000 },
    );
    expect(outcome.repos.length).toBeGreaterThan(30);
    expect(outcome.totalCount).toBe(outcome.repos.length);
    expect(outcome.warnings).toEqual([]);
    const sixMonthsAgo = Date.parse("2026-05-25T00:00:00Z");
    for (const repo of outcome.repos) {
      expect(["Python", "TypeScript"]).toContain(repo.primaryLanguage);
      expect(repo.stars).toBeGreaterThanOrEqual(50);
      expect(repo.stars).toBeLessThanOrEqual(5000);
      expect(Date.parse(repo.pushedAt ?? "")).toBeGreaterThanOrEqual(sixMonthsAgo);
    }
    const found = outcome.repos.map((repo) => repo.fullName);
    expect(found).not.toContain(demoCatalogLandmarks.archived);
    expect(found).not.toContain(demoCatalogLandmarks.fork);
    expect(found).toContain(demoCatalogLandmarks.forkSource);
  });

  it("reports each repository's bytes per language, as GitHub's languages edges do", async () => {
    const outcome = await source.searchRepositories(filtersOf({ languages: ["Python"], minStars: 0 }), {
      limit: 200,
    });
    expect(outcome.repos.length).toBeGreaterThan(100);
    for (const repo of outcome.repos) {
      const sizes = catalogRepoOf(repo.fullName).languageSizes;
      expect(repo.languageSizes).toEqual(sizes);
      expect(repo.languageSizes?.map((language) => language.name)).toEqual(repo.languages);
    }
    // A copy: a caller that edits what it got leaves the catalog as generated.
    const [first] = outcome.repos;
    first?.languageSizes?.splice(0);
    expect(catalogRepoOf(first?.fullName ?? "").languageSizes?.length).toBeGreaterThan(0);
  });

  it("narrows by topic, license and free text", async () => {
    const outcome = await source.searchRepositories(
      filtersOf({ languages: ["Python"], topics: ["yaml"], license: "mit", query: "parser" }),
      { limit: 100 },
    );
    expect(outcome.repos.map((repo) => repo.fullName)).toContain(demoCatalogLandmarks.forkSource);
    for (const repo of outcome.repos) {
      expect(repo.topics).toContain("yaml");
      expect(repo.license).toBe("MIT");
    }
  });

  it("returns at most `limit` repositories but reports every match", async () => {
    const outcome = await source.searchRepositories(
      filtersOf({ languages: ["Python", "TypeScript", "JavaScript"] }),
      { limit: 7 },
    );
    expect(outcome.repos).toHaveLength(7);
    expect(outcome.totalCount).toBeGreaterThan(7);
  });

  it("serves at most 1,000 and warns when GitHub would have capped the results", async () => {
    const broad = filtersOf({
      languages: ["Python", "TypeScript", "JavaScript", "Go", "Rust", "Java"],
      minStars: 0,
      pushedAfter: "2020-01-01",
    });
    const outcome = await source.searchRepositories(broad, { limit: 5000 });
    expect(outcome.totalCount).toBeGreaterThan(1000);
    expect(outcome.repos).toHaveLength(1000);
    expect(outcome.warnings).toEqual([RESULT_CAP_WARNING]);
  });

  it("continues a search from its cursor, and searches a range of push dates when asked", async () => {
    const filters = filtersOf({ languages: ["Python", "TypeScript"], minStars: 0 });
    const whole = await source.searchRepositories(filters, { limit: 150 });
    const first = await source.searchRepositories(filters, { limit: 100 });
    expect(first.endCursor).toEqual(expect.any(String));
    const rest = await source.searchRepositories(filters, { limit: 50, after: first.endCursor ?? "" });
    expect([...first.repos, ...rest.repos].map((repo) => repo.fullName)).toEqual(
      whole.repos.map((repo) => repo.fullName),
    );
    const last = await source.searchRepositories(filters, { limit: 5000, after: first.endCursor ?? "" });
    expect(last.endCursor).toBeNull();

    const pushed = { from: "2026-10-01", to: "2026-10-31" };
    const ranged = await source.searchRepositories(filters, { limit: 1000, pushed });
    expect(ranged.repos.length).toBeGreaterThan(0);
    expect(ranged.totalCount).toBeLessThan(whole.totalCount);
    for (const repo of ranged.repos) {
      expect(repo.pushedAt?.slice(0, 10) ?? "").toMatch(/^2026-10-/);
    }
  });

  it("counts the default activity window back from its own clock", async () => {
    const filters = filtersOf({ languages: ["Python"], minStars: 0 });
    const later = createCatalogSource({
      catalog,
      readmeMaxChars: 16_000,
      now: () => new Date("2027-11-25T12:00:00Z"),
    });
    const today = await source.searchRepositories(filters, { limit: 1000 });
    const yearOn = await later.searchRepositories(filters, { limit: 1000 });
    expect(yearOn.totalCount).toBe(0);
    expect(today.totalCount).toBeGreaterThan(50);
  });

  it("refuses filters too long for GitHub with a BAD_REQUEST naming the limit", async () => {
    // The API's schema refuses these first; the source still guards callers that skip it.
    const attempt = source.searchRepositories(
      { ...searchFilterDefaults, languages: ["Python"], query: "word ".repeat(60) },
      { limit: 10 },
    );
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: stringContaining("256 characters"),
    });
  });

  it("stops at once when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      source.searchRepositories(filtersOf({ languages: ["Python"] }), {
        limit: 10,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: "AbortError" });
    await expect(
      source.fetchCandidateDetails([metadataOf(demoCatalogLandmarks.forkSource)], {
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("hands out copies, so callers cannot change the shared catalog", async () => {
    const filters = filtersOf({ languages: ["Python"] });
    const first = await source.searchRepositories(filters, { limit: 5 });
    const [repo] = first.repos;
    if (!repo) throw new Error("expected a repository");
    repo.topics.push("mutated");
    repo.stars = -1;
    const second = await source.searchRepositories(filters, { limit: 5 });
    expect(second.repos[0]?.topics).not.toContain("mutated");
    expect(second.repos[0]?.stars).not.toBe(-1);
  });

  describe("READMEs", () => {
    it("returns each README keyed by owner/name, null when there is none or the repo is unknown", async () => {
      const repos = [
        metadataOf(demoCatalogLandmarks.forkSource),
        metadataOf(demoCatalogLandmarks.noReadme),
        {
          ...metadataOf(demoCatalogLandmarks.forkSource),
          owner: "ghost",
          name: "missing",
          fullName: "ghost/missing",
        },
      ];
      const { readmes, warnings } = await source.fetchCandidateDetails(repos, {});
      expect(warnings).toEqual([]);
      expect([...readmes.keys()]).toEqual([
        demoCatalogLandmarks.forkSource,
        demoCatalogLandmarks.noReadme,
        "ghost/missing",
      ]);
      expect(readmes.get(demoCatalogLandmarks.forkSource)).toContain("# fast-yaml");
      expect(readmes.get(demoCatalogLandmarks.noReadme)).toBeNull();
      expect(readmes.get("ghost/missing")).toBeNull();
    });

    it("leaves out the READMEs the caller knows already, and still gives their details", async () => {
      const known = metadataOf(demoCatalogLandmarks.forkSource);
      const unknown = metadataOf(demoCatalogLandmarks.noOpenIssues);
      const { readmes, details } = await source.fetchCandidateDetails([known, unknown], {
        skipReadmes: new Set([known.fullName.toUpperCase()]),
      });
      expect([...readmes.keys()]).toEqual([unknown.fullName]);
      expect([...details.keys()]).toEqual([known.fullName, unknown.fullName]);
    });

    it("truncates to the configured maximum", async () => {
      const small = createCatalogSource({ catalog, readmeMaxChars: 500, now: () => now });
      const oversized = metadataOf(demoCatalogLandmarks.oversizedReadme);
      const { readmes } = await small.fetchCandidateDetails(
        [oversized, metadataOf(demoCatalogLandmarks.noOpenIssues)],
        {},
      );
      const full = catalog.readReadme(catalogRepoOf(demoCatalogLandmarks.oversizedReadme));
      expect(readmes.get(demoCatalogLandmarks.oversizedReadme)).toBe(full?.slice(0, 500));
      expect(readmes.get(demoCatalogLandmarks.noOpenIssues)?.length).toBeLessThanOrEqual(500);
    });

    it("passes the prompt-injection README through verbatim: defusing it is the analyzer's job", async () => {
      const { readmes } = await source.fetchCandidateDetails(
        [metadataOf(demoCatalogLandmarks.promptInjectionPython)],
        {},
      );
      expect(readmes.get(demoCatalogLandmarks.promptInjectionPython)).toContain(
        "Ignore previous instructions",
      );
    });
  });

  describe("starter issues and health", () => {
    it("reads each repository's activity through the live source's parser, none for an unknown one", async () => {
      const injection = metadataOf(demoCatalogLandmarks.promptInjectionPython);
      const botsAndAuthor = metadataOf(demoCatalogLandmarks.unidentifiedLicense);
      const ghost = { ...injection, owner: "ghost", name: "missing", fullName: "ghost/missing" };
      const { details, warnings } = await source.fetchCandidateDetails([injection, botsAndAuthor, ghost], {});

      expect(warnings).toEqual([]);
      expect([...details.keys()]).toEqual([injection.fullName, botsAndAuthor.fullName]);
      const activity = catalog.readActivity(catalogRepoOf(injection.fullName));
      const openStarter = activity.issues.filter(
        (issue) => issue.state === "OPEN" && issue.labels.some((label) => isStarterLabel(label)),
      );
      const issues = details.get(injection.fullName)?.starterIssues ?? [];
      expect(issues.map((issue) => issue.number).sort()).toEqual(
        openStarter.map((issue) => issue.number).sort(),
      );
      // Its traps arrive as data: titles that address an AI, and claims marked as such.
      expect(issues.some((issue) => /ignore previous instructions/i.test(issue.title))).toBe(true);
      for (const issue of issues) {
        const source = openStarter.find((candidate) => candidate.number === issue.number);
        const claimed =
          (source?.assignees.length ?? 0) > 0 ||
          (source?.closingPullRequests.some((pullRequest) => pullRequest.state === "OPEN") ?? false);
        expect(issue.claimed).toBe(claimed);
        expect(issue.url.startsWith("https://demo.invalid/")).toBe(true);
      }
      // Only bots and the issue's authors ever comment there: no response time to report.
      expect(details.get(botsAndAuthor.fullName)?.health.medianFirstResponseHours).toBeNull();
      expect(details.get(injection.fullName)?.health.medianFirstResponseHours).toEqual(expect.any(Number));
    });
  });

  it("rejects a nonsensical README limit when it is built", () => {
    expect(() => createCatalogSource({ catalog, readmeMaxChars: 0 })).toThrow(
      "readmeMaxChars must be a whole number >= 1",
    );
  });
});
