import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalysisProfile } from "@/server/analysis/analyzer";
import { bestMatchDiscovery, type DiscoveryStrategy } from "@/server/pipeline/discovery-strategies";
import { measureDiscovery, type MeasureDiscoveryOptions } from "@/server/pipeline/measure-discovery";
import type { CatalogRepo } from "@/server/sources/catalog/demo-catalog";
import { createCatalogSearch } from "@/server/sources/catalog/search-catalog";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import { searchFiltersSchema } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";
import { hasBeginnerLabel, hasHelpWantedLabel } from "@/shared/starter-labels";
import {
  startGitHubServer,
  type GitHubServer,
  type GitHubServerData,
  type GitHubServerIssue,
  type GitHubServerRepo,
} from "../fakes/github-server";

/**
 * The discovery measure's arithmetic on data small enough to count by hand: seven repositories served by
 * the test GitHub server, whose starter issues are free, assigned, linked to an open pull request, or absent.
 */

const NOW = new Date("2025-06-01T12:00:00Z");
const TOKEN = "fake_gh_evalDiscoveryTest000000000000000";

function issue(
  number: number,
  {
    labels,
    assignees = [],
    openPullRequest = false,
  }: { labels: string[]; assignees?: string[]; openPullRequest?: boolean },
): GitHubServerIssue {
  return {
    number,
    title: `Issue ${number}`,
    url: `https://github.com/acme/x/issues/${number}`,
    state: "OPEN",
    labels,
    createdAt: "2025-05-01T00:00:00Z",
    updatedAt: "2025-05-20T00:00:00Z",
    author: { login: "someone", bot: false },
    authorAssociation: "NONE",
    assignees,
    comments: [],
    closingPullRequests: openPullRequest ? [{ number: number + 100, state: "OPEN" }] : [],
  };
}

type HandMade = {
  name: string;
  language: string;
  stars: number;
  archived?: boolean;
  issues: GitHubServerIssue[];
};

/** `count` open issues with these labels, numbered from `first`. */
function issues(
  first: number,
  count: number,
  claim: { labels: string[]; assignees?: string[]; openPullRequest?: boolean },
): GitHubServerIssue[] {
  return Array.from({ length: count }, (_, index) => issue(first + index, claim));
}

/**
 * Best-match order (no search text: popularity) is r2, r3, r5, r1, r4. The filter stage ranks by the label
 * counts the server reports from these issues: r2 (5), r1 (3), r4 (2 help wanted), r3 (1), r5 (none). Only
 * r1 and r4 have a free starter issue among the TypeScript repositories.
 */
const handMade: HandMade[] = [
  {
    name: "r1-free-starter",
    language: "TypeScript",
    stars: 50,
    issues: issues(10, 3, { labels: ["good first issue"] }),
  },
  {
    name: "r2-assigned",
    language: "TypeScript",
    stars: 500,
    issues: issues(20, 5, { labels: ["good first issue"], assignees: ["taken"] }),
  },
  {
    name: "r3-open-pull-request",
    language: "TypeScript",
    stars: 300,
    issues: issues(30, 1, { labels: ["good first issue"], openPullRequest: true }),
  },
  {
    name: "r4-free-help-wanted",
    language: "TypeScript",
    stars: 20,
    issues: issues(40, 2, { labels: ["help wanted"] }),
  },
  { name: "r5-unlabelled", language: "TypeScript", stars: 100, issues: issues(50, 1, { labels: ["bug"] }) },
  // Free starter issues, but outside the search: another language, and archived.
  { name: "r6-go", language: "Go", stars: 80, issues: issues(60, 2, { labels: ["good first issue"] }) },
  {
    name: "r7-archived",
    language: "TypeScript",
    stars: 90,
    archived: true,
    issues: issues(70, 2, { labels: ["good first issue"] }),
  },
];

function toMetadata(repo: HandMade, index: number): RepoMetadata {
  return {
    githubId: 5000 + index,
    owner: "acme",
    name: repo.name,
    fullName: `acme/${repo.name}`,
    url: `https://github.com/acme/${repo.name}`,
    description: "A command-line tool that formats and checks configuration files",
    primaryLanguage: repo.language,
    languages: [repo.language],
    stars: repo.stars,
    forks: 3,
    openIssues: repo.issues.length,
    topics: ["cli"],
    license: "MIT",
    pushedAt: "2025-05-20T00:00:00.000Z",
    createdAt: "2023-01-01T00:00:00.000Z",
    // As the server counts them from the issues, so the matcher and the search results agree.
    goodFirstIssues: repo.issues.filter((entry) => hasBeginnerLabel(entry.labels)).length,
    helpWantedIssues: repo.issues.filter((entry) => hasHelpWantedLabel(entry.labels)).length,
  };
}

/** The server's data, searched by the catalog's GitHub-semantics matcher as the demo data is. */
function createHandMadeData(): {
  data: GitHubServerData;
  listMatching: MeasureDiscoveryOptions["listMatching"];
} {
  const entries = handMade.map((repo, index) => {
    const metadata = toMetadata(repo, index);
    const archived = repo.archived ?? false;
    const catalogRepo: CatalogRepo = {
      metadata,
      archived,
      fork: false,
      licenseKey: "mit",
      licenseSpdxId: "MIT",
      domain: "cli",
      readme: null,
    };
    const served: GitHubServerRepo = {
      metadata,
      archived,
      fork: false,
      license: { key: "mit", spdxId: "MIT" },
      readme: null,
      readActivity: () => ({
        issues: repo.issues,
        pullRequests: [],
        defaultBranch: null,
        contributingGuide: null,
        codeOfConduct: null,
        latestRelease: null,
      }),
    };
    return { catalogRepo, served };
  });
  const search = createCatalogSearch({ repos: entries.map((entry) => entry.catalogRepo) });
  const servedBy = new Map(entries.map((entry) => [entry.catalogRepo, entry.served]));
  const byName = new Map(
    entries.map((entry) => [entry.served.metadata.fullName.toLowerCase(), entry.served]),
  );
  return {
    data: {
      search: (query) => {
        const outcome = search.search(query);
        return {
          matches: outcome.matches.flatMap((repo) => servedBy.get(repo) ?? []),
          totalCount: outcome.totalCount,
        };
      },
      findRepository: (owner, name) => byName.get(`${owner}/${name}`.toLowerCase()),
    },
    listMatching: (query) => search.search(query).matches.map((repo) => repo.metadata),
  };
}

/** Today's search, cut short after its first few repositories: discovery that misses some. */
function firstOf(count: number): DiscoveryStrategy {
  return {
    name: `first ${count}`,
    description: `the first ${count} best matches`,
    discover: async (options) => {
      const outcome = await bestMatchDiscovery.discover(options);
      return { ...outcome, repos: outcome.repos.slice(0, count) };
    },
    order: bestMatchDiscovery.order,
  };
}

const profile: AnalysisProfile = {
  languages: ["TypeScript"],
  topics: [],
  skillLevel: "beginner",
  goals: "A first contribution",
};
const filters = searchFiltersSchema.parse({ languages: ["TypeScript"] });

describe("the discovery measure", () => {
  let server: GitHubServer;
  let measure: (strategy: DiscoveryStrategy) => ReturnType<typeof measureDiscovery>;

  beforeAll(async () => {
    const { data, listMatching } = createHandMadeData();
    server = await startGitHubServer({ data, token: TOKEN, now: () => NOW });
    const source = createLiveGitHubSource({
      token: TOKEN,
      apiUrl: server.url,
      readmeMaxChars: 1000,
      now: () => NOW,
      retry: { retries: 0, backoffBaseMs: 1 },
      throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 1, msPerSecond: 1, graphqlMinIntervalMs: 0 },
      logger: { error: () => undefined, warn: () => undefined },
    });
    measure = (strategy) =>
      measureDiscovery({
        strategy,
        source,
        filters,
        profile,
        maxRepos: 3,
        today: NOW,
        listMatching,
        readCostPoints: () =>
          server.graphqlRequests().reduce((sum, request) => sum + (request.cost?.cost ?? 0), 0),
      });
  });
  afterAll(async () => {
    await server.close();
  });

  it("counts the top candidates with a free starter issue, and misses nothing when every match is discovered", async () => {
    const result = await measure(bestMatchDiscovery);

    expect(result).toMatchObject({
      strategy: "before",
      matching: 5,
      discovered: 5,
      // The filter stage's top 3 are r2 (assigned), r1 (free), r4 (free help wanted).
      candidates: 3,
      candidatesWithWork: 2,
      eligible: 2,
      missed: 0,
      missedShare: 0,
    });
    expect(result.candidateShare).toBeCloseTo(2 / 3);
    expect(result.spend).toMatchObject({ searchRequests: 1, detailsRequests: 1 });
    expect(result.spend.searchCost).toBeGreaterThan(0);
    expect(result.spend.detailsCost).toBeGreaterThan(0);
  });

  it("counts as missed the matching repositories with a free starter issue that discovery never returned", async () => {
    // Discovers r2, r3, r5, r1: r4 is missed, and the candidates are r2, r1, r3.
    const result = await measure(firstOf(4));

    expect(result).toMatchObject({
      discovered: 4,
      candidates: 3,
      candidatesWithWork: 1,
      eligible: 2,
      missed: 1,
      missedShare: 0.5,
      missedRepos: ["acme/r4-free-help-wanted"],
    });
    expect(result.candidateShare).toBeCloseTo(1 / 3);
  });
});
