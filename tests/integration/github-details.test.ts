import type { RepositoryDetails } from "@/server/sources/repository-source";
import { DETAILS_GROUP_SIZE } from "@/server/sources/repository-source";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoCatalogLandmarks } from "@/server/sources/catalog/catalog-landmarks";
import type { CatalogActivity, CatalogIssue } from "@/server/sources/catalog/catalog-activity";
import type { CatalogRepo } from "@/server/sources/catalog/demo-catalog";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { buildCandidateQuery } from "@/server/sources/github/details-query";
import { readRepositoryDetails } from "@/server/sources/read-repository-details";
import { pickReadmeText } from "@/server/sources/github/graphql-queries";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import { createGitHubOctokit } from "@/server/sources/github/octokit";
import { classifyStarterLabel } from "@/shared/starter-labels";
import { searchFiltersSchema } from "@/shared/filters";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";

/**
 * The candidate details query, built and parsed by the live source's own code, sent through the real Octokit
 * over HTTP to the test GitHub server (GitHub's published schema, the demo catalog's issues). Expectations
 * are worked out from the catalog directly, by the rules as the issue states them.
 */

const NOW = new Date("2025-06-01T12:00:00Z");
const HOUR_MS = 3_600_000;
const WINDOW_START = NOW.getTime() - 90 * 86_400_000;
const catalog = generateDemoCatalog({ now: NOW });

let server: GitHubServer;
beforeAll(async () => {
  server = await startGitHubServer({ data: createCatalogGitHubData(catalog), now: () => NOW });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** What phase B's live source will do: one query per 20 candidates, README and details together. */
async function fetchCandidates(
  repos: readonly CatalogRepo[],
): Promise<Map<string, { readme: string | null; details: RepositoryDetails | null }>> {
  const octokit = createGitHubOctokit({
    token: server.token,
    apiUrl: server.url,
    retry: { retries: 0, backoffBaseMs: 1 },
    throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 0, msPerSecond: 1, graphqlMinIntervalMs: 0 },
    logger: quiet,
  });
  const found = new Map<string, { readme: string | null; details: RepositoryDetails | null }>();
  for (let start = 0; start < repos.length; start += DETAILS_GROUP_SIZE) {
    const group = repos.slice(start, start + DETAILS_GROUP_SIZE).map((repo) => repo.metadata);
    const { query, variables, aliases } = buildCandidateQuery(group, {
      readme: true,
      details: true,
      now: NOW,
    });
    const data = await octokit.graphql<Record<string, unknown>>(query, variables);
    group.forEach((repo, index) => {
      const alias = aliases[index] ?? "";
      found.set(repo.fullName, {
        readme: pickReadmeText(data[alias]),
        details: readRepositoryDetails(data[alias], { now: NOW }),
      });
    });
  }
  return found;
}

async function detailsOf(repo: CatalogRepo): Promise<RepositoryDetails> {
  const details = (await fetchCandidates([repo])).get(repo.metadata.fullName)?.details;
  if (!details) throw new Error(`no details for ${repo.metadata.fullName}`);
  return details;
}

const activityOf = (repo: CatalogRepo) => catalog.readActivity(repo);
const isStarter = (issue: CatalogIssue) =>
  issue.state === "OPEN" && issue.labels.some((label) => classifyStarterLabel(label) !== null);
/** The ten open starter issues GitHub would list: most recently updated first. */
const topStarterIssues = (activity: CatalogActivity) =>
  activity.issues
    .filter(isStarter)
    .sort((left, right) => right.updatedAt.localeCompare(left.updatedAt))
    .slice(0, 10);
const landmark = (fullName: string) => {
  const [owner = "", name = ""] = fullName.split("/");
  const repo = catalog.findRepo(owner, name);
  if (!repo) throw new Error(`landmark ${fullName} is missing`);
  return repo;
};

type ClaimCase = "assigned" | "open pull request" | "closed or merged pull request only" | "free";
function claimCase(issue: CatalogIssue): ClaimCase {
  if (issue.assignees.length > 0) return "assigned";
  if (issue.closingPullRequests.some((link) => link.state === "OPEN")) return "open pull request";
  if (issue.closingPullRequests.length > 0) return "closed or merged pull request only";
  return "free";
}

describe("starter issues over HTTP", () => {
  it("claims an issue that is assigned or that an open pull request will close, and nothing else", async () => {
    // Repositories whose ten listed issues, together, show every case.
    const wanted = new Set<ClaimCase>([
      "assigned",
      "open pull request",
      "closed or merged pull request only",
      "free",
    ]);
    const chosen: CatalogRepo[] = [];
    for (const repo of catalog.repos) {
      const cases = topStarterIssues(activityOf(repo)).map(claimCase);
      if (!cases.some((entry) => wanted.has(entry))) continue;
      cases.forEach((entry) => wanted.delete(entry));
      chosen.push(repo);
      if (wanted.size === 0 && chosen.length >= 5) break;
    }
    const fetched = await fetchCandidates(chosen);

    const seen = new Set<ClaimCase>();
    for (const repo of chosen) {
      const byNumber = new Map(activityOf(repo).issues.map((issue) => [issue.number, issue]));
      const issues = fetched.get(repo.metadata.fullName)?.details?.starterIssues ?? [];
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        const source = byNumber.get(issue.number);
        if (!source) throw new Error(`#${issue.number} is not in the catalog`);
        const kind = claimCase(source);
        seen.add(kind);
        expect({ issue: issue.number, kind, claimed: issue.claimed }).toEqual({
          issue: issue.number,
          kind,
          claimed: kind === "assigned" || kind === "open pull request",
        });
      }
    }
    expect([...seen].sort()).toEqual([
      "assigned",
      "closed or merged pull request only",
      "free",
      "open pull request",
    ]);
  });

  it("lists up to ten open issues carrying any starter synonym, most recently updated first", async () => {
    const popular = landmark(demoCatalogLandmarks.veryPopular);
    const { starterIssues } = await detailsOf(popular);
    const expected = topStarterIssues(activityOf(popular));

    expect(starterIssues.map((issue) => issue.number)).toEqual(expected.map((issue) => issue.number));
    expect(starterIssues).toHaveLength(10);
    const [first] = starterIssues;
    const source = expected[0];
    expect(first?.url).toMatch(/^https:\/\/demo\.invalid\/hyperion-labs\/hyperion\/issues\/\d+$/);
    expect({ ...first, url: "", claimed: false }).toEqual({
      number: source?.number,
      title: source?.title,
      url: "",
      labels: source?.labels.slice(0, 10),
      createdAt: source?.createdAt,
      updatedAt: source?.updatedAt,
      comments: source?.comments.length,
      claimed: false,
    });
  });

  it("finds issues under uncommon spellings (E-easy, up-for-grabs, ...) and counts them at discovery", async () => {
    const source = createLiveGitHubSource({
      token: server.token,
      apiUrl: server.url,
      readmeMaxChars: 16_000,
      now: () => NOW,
      logger: { warn: () => {}, error: () => {} },
      throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 0, msPerSecond: 1, graphqlMinIntervalMs: 0 },
    });
    const { repos } = await source.searchRepositories(
      searchFiltersSchema.parse({
        languages: ["Python", "Rust", "Go"],
        minStars: 0,
        pushedAfter: "2024-06-01",
      }),
      { limit: 300 },
    );
    const unusual = repos.filter((repo) => {
      const entry = catalog.findRepo(repo.owner, repo.name);
      const labels = entry
        ? activityOf(entry)
            .issues.filter(isStarter)
            .flatMap((issue) => issue.labels)
        : [];
      return labels.length > 0 && !labels.includes("good first issue") && !labels.includes("help wanted");
    });
    expect(unusual.length).toBeGreaterThan(3);

    const fetched = await fetchCandidates(
      unusual.slice(0, 5).map((repo) => catalog.findRepo(repo.owner, repo.name) ?? landmark("-/-")),
    );
    for (const repo of unusual.slice(0, 5)) {
      const open = activityOf(catalog.findRepo(repo.owner, repo.name) ?? landmark("-/-")).issues.filter(
        (issue) => issue.state === "OPEN",
      );
      const carrying = (kind: "beginner" | "help-wanted") =>
        open.filter((issue) => issue.labels.some((label) => classifyStarterLabel(label) === kind)).length;
      expect(repo.goodFirstIssues).toBe(carrying("beginner"));
      expect(repo.helpWantedIssues).toBe(carrying("help-wanted"));
      expect(fetched.get(repo.fullName)?.details?.starterIssues.length).toBe(
        Math.min(10, open.filter(isStarter).length),
      );
    }
  });
});

/** CHAOSS time to first response, worked out from the catalog by the rule as stated. */
function expectedMedianFirstResponse(activity: CatalogActivity): number | null {
  const looksLikeBot = (login: string, bot: boolean) => bot || /(?:^|[-_])(?:ro)?bot$/i.test(login);
  const recent = [...activity.issues]
    .sort((left, right) => right.createdAt.localeCompare(left.createdAt))
    .slice(0, 20);
  const hours = recent.flatMap((issue) => {
    const reply = issue.comments
      .slice(0, 10)
      .find(
        (comment) =>
          !looksLikeBot(comment.author.login, comment.author.bot) &&
          comment.author.login !== issue.author.login,
      );
    return reply ? [(Date.parse(reply.createdAt) - Date.parse(issue.createdAt)) / HOUR_MS] : [];
  });
  if (hours.length === 0) return null;
  hours.sort((left, right) => left - right);
  const middle = Math.floor(hours.length / 2);
  const median =
    hours.length % 2 === 1 ? (hours[middle] ?? 0) : ((hours[middle - 1] ?? 0) + (hours[middle] ?? 0)) / 2;
  return Math.round(median * 10) / 10;
}

/** The first comment at all, as a naive reading would count it. */
function naiveMedianFirstComment(activity: CatalogActivity): number | null {
  const recent = [...activity.issues]
    .sort((left, right) => right.createdAt.localeCompare(left.createdAt))
    .slice(0, 20);
  const hours = recent.flatMap((issue) => {
    const first = issue.comments[0];
    return first ? [(Date.parse(first.createdAt) - Date.parse(issue.createdAt)) / HOUR_MS] : [];
  });
  hours.sort((left, right) => left - right);
  return hours.length === 0 ? null : Math.round((hours[Math.floor(hours.length / 2)] ?? 0) * 10) / 10;
}

describe("health signals over HTTP", () => {
  it("times the first response by someone who is neither the issue's author nor a bot", async () => {
    const sample = catalog.repos
      .filter(
        (repo) =>
          activityOf(repo).issues.length >= 5 &&
          ["responsive", "steady"].includes(activityOf(repo).responsiveness),
      )
      .slice(0, 20);
    const fetched = await fetchCandidates(sample);

    let naiveWouldDiffer = 0;
    for (const repo of sample) {
      const expected = expectedMedianFirstResponse(activityOf(repo));
      expect(fetched.get(repo.metadata.fullName)?.details?.health.medianFirstResponseHours).toBe(expected);
      if (naiveMedianFirstComment(activityOf(repo)) !== expected) naiveWouldDiffer += 1;
    }
    expect(naiveWouldDiffer).toBeGreaterThan(5);
  });

  it("reports no response time where only bots and the issue's author ever comment", async () => {
    const botsOnly = landmark(demoCatalogLandmarks.unidentifiedLicense);
    const comments = activityOf(botsOnly).issues.flatMap((issue) => issue.comments);
    expect(comments.length).toBeGreaterThan(0);

    expect((await detailsOf(botsOnly)).health.medianFirstResponseHours).toBeNull();
  });

  it("counts pull requests merged in the last 90 days by people outside the project, not members or bots", async () => {
    const active = catalog.repos
      .filter((repo) =>
        activityOf(repo).pullRequests.some((pullRequest) => Date.parse(pullRequest.mergedAt) >= WINDOW_START),
      )
      .slice(0, 20);
    const fetched = await fetchCandidates(active);

    let withBots = 0;
    for (const repo of active) {
      const considered = [...activityOf(repo).pullRequests]
        .sort((left, right) => right.updatedAt.localeCompare(left.updatedAt))
        .slice(0, 50)
        .filter((pullRequest) => Date.parse(pullRequest.mergedAt) >= WINDOW_START);
      const outside = considered.filter(
        (pullRequest) =>
          !pullRequest.author.bot &&
          !["OWNER", "MEMBER", "COLLABORATOR"].includes(pullRequest.authorAssociation),
      );
      if (considered.some((pullRequest) => pullRequest.author.bot)) withBots += 1;
      expect(fetched.get(repo.metadata.fullName)?.details?.health.outsideMergedPrsLast90Days).toBe(
        outside.length,
      );
    }
    expect(withBots).toBeGreaterThan(3);
  });

  it("reads commits in the last 90 days, the contributing guide, the code of conduct and the last release", async () => {
    const repos = catalog.repos.filter((_, index) => index % 97 === 0).slice(0, 20);
    const fetched = await fetchCandidates(repos);

    for (const repo of repos) {
      const activity = activityOf(repo);
      const health = fetched.get(repo.metadata.fullName)?.details?.health;
      expect(health).toMatchObject({
        hasContributingGuide: activity.contributingGuide !== null,
        hasCodeOfConduct: activity.codeOfConduct !== null,
        lastReleaseAt: activity.latestRelease?.publishedAt ?? null,
      });
      if (activity.commits === null) expect(health?.commitsLast90Days).toBeNull();
      else expect(health?.commitsLast90Days).toBeGreaterThanOrEqual(0);
    }
    const popular = await detailsOf(landmark(demoCatalogLandmarks.veryPopular));
    expect(popular.health.commitsLast90Days).toBeGreaterThan(50);
  });
});

describe("the cost of candidate details", () => {
  it("takes 3 queries for 50 candidates (20, 20, 10), README and details in one, and reports the cost", async () => {
    const candidates = catalog.repos.filter((repo) => !repo.fork).slice(0, 50);
    const fetched = await fetchCandidates(candidates);

    const requests = server.graphqlRequests();
    expect(requests).toHaveLength(3);
    expect(
      requests.map(
        (request) => Object.keys(request.graphql?.variables ?? {}).filter((key) => /^o\d+$/.test(key)).length,
      ),
    ).toEqual([20, 20, 10]);
    // GitHub's formula: 64 connection requests per repository (starter issues 1 + 4 per listed issue × 10,
    // recent issues 1 + their comments 20, merged pull requests 1, commit history 1), / 100, rounded.
    expect(requests.map((request) => request.cost?.cost)).toEqual([13, 13, 6]);
    for (const repo of candidates) {
      const entry = fetched.get(repo.metadata.fullName);
      expect(entry?.details).not.toBeNull();
      expect(entry?.readme).toBe(catalog.readReadme(repo));
    }
  });

  it("costs the same points merged as the details alone, while the README query alone costs 1", async () => {
    const group = catalog.repos.slice(0, 20).map((repo) => repo.metadata);
    const costOf = async (parts: { readme: boolean; details: boolean }) => {
      server.reset();
      const { query, variables } = buildCandidateQuery(group, { ...parts, now: NOW });
      await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { authorization: `bearer ${server.token}` },
        body: JSON.stringify({ query, variables }),
      });
      return server.graphqlRequests()[0]?.cost?.cost;
    };

    expect(await costOf({ readme: true, details: false })).toBe(1);
    expect(await costOf({ readme: false, details: true })).toBe(13);
    expect(await costOf({ readme: true, details: true })).toBe(13);
  });
});
