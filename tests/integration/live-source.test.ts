import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSearch } from "@/server/sources/catalog/search-catalog";
import { AppError } from "@/server/errors";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import { GitHubRateLimitError } from "@/server/sources/github/errors";
import { OTHER_LANGUAGES } from "@/server/sources/github/graphql-queries";
import { createLiveGitHubSource, type LiveGitHubSourceOptions } from "@/server/sources/github/live-source";
import { RESULT_CAP_WARNING } from "@/server/sources/repository-source";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import { searchFiltersSchema, type SearchFiltersInput } from "@/shared/filters";
import { type RepoMetadata } from "@/shared/repos";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import { stringContaining, stringMatching } from "../support/matchers";

const NOW = new Date("2025-06-01T12:00:00Z");
const catalog = generateDemoCatalog({ now: NOW });
const catalogSearch = createCatalogSearch({
  repos: catalog.repos,
  readReadme: (repo) => catalog.readReadme(repo),
});

const filtersOf = (input: SearchFiltersInput) => searchFiltersSchema.parse(input);
/** 868 matches in the demo catalog: more than 8 pages. */
const twoLanguages = filtersOf({
  languages: ["Python", "TypeScript"],
  minStars: 0,
  pushedAfter: "2022-01-01",
});
/** 1,880 matches: more than GitHub will serve. */
const sixLanguages = filtersOf({
  languages: ["Python", "TypeScript", "JavaScript", "Go", "Rust", "Java"],
  minStars: 0,
  pushedAfter: "2022-01-01",
});

/** What discovery should report: the metadata, with the bytes per language from GitHub's `languages` edges. */
function expectedMatches(filters: typeof twoLanguages): RepoMetadata[] {
  return catalogSearch
    .search(buildSearchQuery({ filters, today: NOW }))
    .matches.map((repo) => ({ ...repo.metadata, languageSizes: repo.languageSizes }));
}

let server: GitHubServer;
let logs: string[];

beforeAll(async () => {
  server = await startGitHubServer({ data: createCatalogGitHubData(catalog) });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  logs = [];
});

function createSource(overrides: Partial<LiveGitHubSourceOptions> = {}) {
  const record = (message: string) => logs.push(message);
  return createLiveGitHubSource({
    token: server.token,
    apiUrl: server.url,
    readmeMaxChars: 16_000,
    now: () => NOW,
    // Real schedules, shrunk: backoff n² ms, a "second" of retry-after is 1 ms, no GraphQL spacing.
    retry: { retries: 2, backoffBaseMs: 1 },
    throttle: { maxWaitSeconds: 30, maxRateLimitWaits: 2, msPerSecond: 1, graphqlMinIntervalMs: 0 },
    logger: { warn: record, error: record },
    ...overrides,
  });
}

const names = (repos: readonly RepoMetadata[]) => repos.map((repo) => repo.fullName);

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("searching GitHub through GraphQL", () => {
  it("follows the cursor 100 at a time until it has the repositories asked for", async () => {
    const outcome = await createSource().searchRepositories(twoLanguages, { limit: 250 });

    expect(names(outcome.repos)).toEqual(names(expectedMatches(twoLanguages).slice(0, 250)));
    expect(outcome.totalCount).toBe(868);
    expect(outcome.warnings).toEqual([]);
    expect(outcome.requests).toBe(3);
    const sent = server.graphqlRequests().map((request) => request.graphql?.variables);
    expect(sent.map((variables) => variables?.first)).toEqual([100, 100, 50]);
    expect(sent[0]?.cursor).toBeNull();
    expect(sent[1]?.cursor).toEqual(expect.any(String));
    expect(sent[2]?.cursor).not.toBe(sent[1]?.cursor);
    expect(
      sent.every((variables) => variables?.q === buildSearchQuery({ filters: twoLanguages, today: NOW })),
    ).toBe(true);
  });

  it("stops when GitHub has no more pages", async () => {
    const outcome = await createSource().searchRepositories(twoLanguages, { limit: 1000 });

    expect(outcome.repos).toHaveLength(868);
    expect(new Set(names(outcome.repos)).size).toBe(868);
    expect(outcome.requests).toBe(9);
  });

  it("continues from an earlier search's cursor, and searches a lane in a range of push dates", async () => {
    const source = createSource();
    const first = await source.searchRepositories(twoLanguages, { limit: 100 });
    const rest = await source.searchRepositories(twoLanguages, { limit: 150, after: first.endCursor ?? "" });
    expect(names([...first.repos, ...rest.repos])).toEqual(
      names(expectedMatches(twoLanguages).slice(0, 250)),
    );
    expect(rest.requests).toBe(2);

    server.requests.length = 0;
    const pushed = { from: "2025-04-01", to: "2025-05-31" };
    const ranged = await source.searchRepositories(twoLanguages, { limit: 100, lane: "starter", pushed });
    const sent = server.graphqlRequests().map((request) => request.graphql?.variables.q);
    expect(sent).toEqual([buildSearchQuery({ filters: twoLanguages, today: NOW, lane: "starter", pushed })]);
    expect(sent[0]).toContain("pushed:2025-04-01..2025-05-31");
    expect(ranged.repos.length).toBeGreaterThan(0);
    for (const repo of ranged.repos) {
      expect(repo.pushedAt?.slice(0, 7)).toMatch(/^2025-0[45]$/);
      expect(repo.goodFirstIssues).toBeGreaterThan(0);
    }
  });

  it("never collects more than 1,000 repositories, however many are asked for", async () => {
    const outcome = await createSource().searchRepositories(sixLanguages, { limit: 5000 });

    expect(outcome.totalCount).toBe(1880);
    expect(outcome.repos).toHaveLength(1000);
    expect(names(outcome.repos)).toEqual(names(expectedMatches(sixLanguages).slice(0, 1000)));
    expect(outcome.requests).toBe(10);
    expect(outcome.warnings).toEqual([RESULT_CAP_WARNING]);
  });

  it("warns that results may be incomplete when GitHub counts 1,000 matches or more", async () => {
    const source = createSource();
    server.setRepositoryCount(1000);
    const capped = await source.searchRepositories(twoLanguages, { limit: 20 });
    server.setRepositoryCount(999);
    const uncapped = await source.searchRepositories(twoLanguages, { limit: 20 });

    expect(capped.totalCount).toBe(1000);
    expect(capped.warnings).toEqual([
      "Results may be incomplete (GitHub caps at 1,000). Try narrowing your filters.",
    ]);
    expect(uncapped.warnings).toEqual([]);
  });

  it("asks GitHub for every RepoMetadata field and reports the license as an SPDX id, or null for NOASSERTION", async () => {
    const outcome = await createSource().searchRepositories(twoLanguages, { limit: 1000 });
    const byName = new Map(expectedMatches(twoLanguages).map((repo) => [repo.fullName, repo]));

    for (const repo of outcome.repos) expect(repo).toEqual(byName.get(repo.fullName));
    const noAssertion = catalog.repos
      .filter((repo) => repo.licenseSpdxId === "NOASSERTION")
      .map((repo) => repo.metadata.fullName);
    const found = outcome.repos.filter((repo) => noAssertion.includes(repo.fullName));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((repo) => repo.license === null)).toBe(true);
    expect(outcome.repos.some((repo) => repo.goodFirstIssues > 0 && repo.helpWantedIssues > 0)).toBe(true);
  });

  it("reads the bytes per language, largest first, and keeps the languages past the first ten as one share", async () => {
    const [sample] = catalog.repos;
    if (!sample) throw new Error("the demo catalog is empty");
    const polyglot = {
      ...sample.metadata,
      name: "polyglot",
      fullName: `${sample.metadata.owner}/polyglot`,
      primaryLanguage: "Markdown",
    };
    // Twelve languages, smallest first: GitHub pages them largest first, ten to a page.
    const sizes = Array.from({ length: 12 }, (_, index) => ({ name: `Lang${index}`, size: 100 + index }));
    const entry = {
      metadata: { ...polyglot, languages: sizes.map((language) => language.name) },
      archived: false,
      fork: false,
      license: null,
      readme: null,
      languageSizes: [...sizes, { name: "Markdown", size: 5_000 }],
    };
    const single = await startGitHubServer({
      data: { search: () => ({ matches: [entry], totalCount: 1 }), findRepository: () => entry },
    });
    try {
      const source = createLiveGitHubSource({
        token: single.token,
        apiUrl: single.url,
        readmeMaxChars: 1000,
        now: () => NOW,
        logger: { warn: () => undefined, error: () => undefined },
      });
      const { repos } = await source.searchRepositories(twoLanguages, { limit: 10 });
      expect(repos[0]?.languages).toEqual([
        "Markdown",
        ...sizes
          .slice(3)
          .reverse()
          .map((l) => l.name),
      ]);
      expect(repos[0]?.languageSizes).toEqual([
        { name: "Markdown", size: 5_000 },
        ...sizes.slice(3).reverse(),
        { name: OTHER_LANGUAGES, size: 100 + 101 + 102 },
      ]);
    } finally {
      await single.close();
    }
  });

  it("stops paginating and warns when the rate limit is nearly spent", async () => {
    server.setRateLimit({ remaining: 50 });
    const outcome = await createSource({ rateLimitReserve: 50 }).searchRepositories(twoLanguages, {
      limit: 500,
    });

    expect(outcome.repos).toHaveLength(100);
    expect(outcome.requests).toBe(1);
    expect(outcome.warnings).toEqual([
      expect.stringMatching(
        // A page of 100 repositories with five connections each costs GitHub's formula 5 points.
        /^GitHub's rate limit is nearly spent \(45 left until \d\d:\d\d UTC\); stopped after 100 repositories\.$/,
      ),
    ]);
  });
});

describe("when GitHub fails", () => {
  it("reports a missing token as a configuration error without calling GitHub", async () => {
    const error = await rejectionOf(
      createSource({ token: "  " }).searchRepositories(twoLanguages, { limit: 10 }),
    );

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CONFIGURATION", message: stringContaining("GITHUB_TOKEN") });
    expect(server.requests).toHaveLength(0);
  });

  it("reports bad credentials (401) as a configuration error, without retrying", async () => {
    server.inject({ kind: "bad-credentials", times: Infinity });
    const error = await rejectionOf(createSource().searchRepositories(twoLanguages, { limit: 10 }));

    expect(error).toMatchObject({
      code: "CONFIGURATION",
      message:
        "GitHub rejected the token (401 Bad credentials). Check GITHUB_TOKEN, or use the offline demo catalog (SCOUT_GITHUB_SOURCE=catalog).",
    });
    expect(server.requests).toHaveLength(1);
  });

  it("asks a signed-in person to sign in again when GitHub refuses their own token", async () => {
    server.inject({ kind: "bad-credentials" });
    const person = await rejectionOf(
      createSource({ tokenHolder: "person" }).searchRepositories(twoLanguages, { limit: 10 }),
    );
    expect(person).toMatchObject({
      blockedBy: "github-sign-in",
      message: stringContaining("Sign in with GitHub again"),
    });
    expect(person).not.toMatchObject({ message: stringContaining("GITHUB_TOKEN") });

    server.inject({ kind: "bad-credentials" });
    const operator = await rejectionOf(createSource().searchRepositories(twoLanguages, { limit: 10 }));
    expect(operator).toMatchObject({ blockedBy: undefined, message: stringContaining("GITHUB_TOKEN") });
  });

  it("also treats a wrong token the server refuses as a configuration error", async () => {
    const error = await rejectionOf(
      createSource({ token: "ghp_wrong" }).searchRepositories(twoLanguages, { limit: 10 }),
    );

    expect(error).toMatchObject({ code: "CONFIGURATION" });
    expect(server.requests).toHaveLength(1);
  });

  it("waits out a 403 rate limit that resets soon, then carries on", async () => {
    server.inject({ kind: "rate-limit", resetInSeconds: 2 });
    const outcome = await createSource().searchRepositories(twoLanguages, { limit: 100 });

    expect(outcome.repos).toHaveLength(100);
    expect(outcome.requests).toBe(2);
    expect(logs).toContainEqual(expect.stringMatching(/rate limit hit; waiting \d+s before retrying/));
  });

  it("keeps the pages found when a 403 rate limit resets too far off, with a warning", async () => {
    server.inject({ kind: "rate-limit", resetInSeconds: 3600, after: 2, times: Infinity });
    const outcome = await createSource().searchRepositories(twoLanguages, { limit: 500 });

    expect(names(outcome.repos)).toEqual(names(expectedMatches(twoLanguages).slice(0, 200)));
    expect(outcome.requests).toBe(3);
    expect(outcome.warnings).toEqual([
      expect.stringMatching(
        /^GitHub's rate limit is spent until \d\d:\d\d UTC; showing the 200 repositories found before it ran out\.$/,
      ),
    ]);
  });

  it("says when to come back if the rate limit is spent before anything was found", async () => {
    server.inject({ kind: "rate-limit", resetInSeconds: 3600, times: Infinity });
    const error = await rejectionOf(createSource().searchRepositories(twoLanguages, { limit: 100 }));

    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(error).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: stringMatching(/^GitHub's rate limit is spent until \d\d:\d\d UTC\. Try again later\.$/),
    });
    expect((error as AppError).retryAfterSeconds).toBeGreaterThan(3000);
    expect(server.requests).toHaveLength(1);
  });

  it("waits for a short 429 retry-after, and gives up on a long one", async () => {
    server.inject({ kind: "secondary-rate-limit", retryAfterSeconds: 3 });
    const waited = await createSource().searchRepositories(twoLanguages, { limit: 100 });
    expect(waited.repos).toHaveLength(100);
    expect(waited.requests).toBe(2);

    server.reset();
    server.inject({ kind: "secondary-rate-limit", retryAfterSeconds: 600, after: 1, times: Infinity });
    const partial = await createSource().searchRepositories(twoLanguages, { limit: 300 });
    expect(partial.repos).toHaveLength(100);
    expect(partial.requests).toBe(2);
    expect(partial.warnings).toEqual([
      expect.stringContaining("showing the 100 repositories found before it ran out"),
    ]);
  });

  it("handles GraphQL's own rate limit answer (200 with errors[].type RATE_LIMITED) the same way", async () => {
    server.inject({ kind: "graphql-rate-limited", resetInSeconds: 1 });
    const waited = await createSource().searchRepositories(twoLanguages, { limit: 100 });
    expect(waited.repos).toHaveLength(100);
    expect(waited.requests).toBe(2);

    server.reset();
    server.inject({ kind: "graphql-rate-limited", resetInSeconds: 3600, after: 1, times: Infinity });
    const partial = await createSource().searchRepositories(twoLanguages, { limit: 300 });
    expect(partial.repos).toHaveLength(100);
    expect(partial.warnings).toEqual([
      expect.stringMatching(
        /^GitHub's rate limit is spent until \d\d:\d\d UTC; showing the 100 repositories/,
      ),
    ]);
  });

  it("retries 502 and 503 with backoff and counts every attempt", async () => {
    server.inject({ kind: "status", status: 502 });
    server.inject({ kind: "status", status: 503 });
    const outcome = await createSource().searchRepositories(twoLanguages, { limit: 100 });

    expect(outcome.repos).toHaveLength(100);
    expect(outcome.requests).toBe(3);
    expect(server.graphqlRequests()).toHaveLength(3);
  });

  it("gives a typed upstream error once the retries are used up", async () => {
    server.inject({ kind: "status", status: 503, times: Infinity });
    const error = await rejectionOf(createSource().searchRepositories(twoLanguages, { limit: 100 }));

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "UPSTREAM",
      message: "GitHub answered HTTP 503 after 3 attempts. Try again in a few minutes.",
    });
    expect((error as AppError).cause).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it("retries a dropped connection", async () => {
    server.inject({ kind: "network-error" });
    const outcome = await createSource().searchRepositories(twoLanguages, { limit: 100 });

    expect(outcome.repos).toHaveLength(100);
    expect(outcome.requests).toBe(2);
  });

  it("reports malformed JSON as a typed upstream error", async () => {
    server.inject({ kind: "malformed-json" });
    const error = await rejectionOf(createSource().searchRepositories(twoLanguages, { limit: 100 }));

    expect(error).toMatchObject({
      code: "UPSTREAM",
      message: "GitHub returned a response that is not valid GraphQL JSON. Try again later.",
    });
    expect(server.requests).toHaveLength(1);
  });
});

/** How many repositories a recorded GraphQL request asked about ($o0, $o1, ...). */
const repositoriesAskedIn = (request: { graphql: { variables: Record<string, unknown> } | null }) =>
  Object.keys(request.graphql?.variables ?? {}).filter((key) => /^o\d+$/.test(key)).length;

describe("fetching READMEs, starter issues and health", () => {
  const someRepos = (count: number) => expectedMatches(twoLanguages).slice(0, count);

  it("asks for at most 20 repositories per query, README and details together: 45 repositories take 3 queries", async () => {
    const repos = someRepos(45);
    const outcome = await createSource().fetchCandidateDetails(repos, {});

    expect(outcome.requests).toBe(3);
    expect(server.graphqlRequests().map(repositoriesAskedIn)).toEqual([20, 20, 5]);
    for (const request of server.graphqlRequests()) {
      expect(request.graphql?.query).toContain('object(expression: "HEAD:README.md")');
      expect(request.graphql?.query).toContain("starterIssues: issues(");
    }
    expect(outcome.warnings).toEqual([]);
    expect([...outcome.readmes.keys()]).toEqual(names(repos));
    expect([...outcome.details.keys()]).toEqual(names(repos));
    for (const repo of repos) {
      const entry = catalog.findRepo(repo.owner, repo.name);
      const text = entry ? catalog.readReadme(entry) : undefined;
      expect(outcome.readmes.get(repo.fullName)).toBe(
        typeof text === "string" ? text.slice(0, 16_000) : text,
      );
    }
  });

  it("finds the common README file names and gives null when there is none", async () => {
    const repos = expectedMatches(twoLanguages);
    const byPath = new Map<string, RepoMetadata>();
    const withoutReadme: RepoMetadata[] = [];
    for (const repo of repos) {
      const entry = catalog.findRepo(repo.owner, repo.name);
      if (!entry?.readme) withoutReadme.push(repo);
      else if (!byPath.has(entry.readme.path)) byPath.set(entry.readme.path, repo);
    }
    expect([...byPath.keys()]).toEqual(
      expect.arrayContaining(["README.md", "readme.md", "README.rst", "README"]),
    );
    const outcome = await createSource().fetchCandidateDetails(
      [...byPath.values(), ...withoutReadme.slice(0, 3)],
      {},
    );

    for (const repo of byPath.values())
      expect(outcome.readmes.get(repo.fullName)).toEqual(expect.any(String));
    for (const repo of withoutReadme.slice(0, 3)) expect(outcome.readmes.get(repo.fullName)).toBeNull();
  });

  it("gives null for a repository GitHub cannot resolve, and keeps the others", async () => {
    const [known] = someRepos(1);
    if (!known) throw new Error("catalog has no match");
    const vanished = { ...known, owner: "nobody-here", name: "gone", fullName: "nobody-here/gone" };
    const outcome = await createSource().fetchCandidateDetails([vanished, known], {});

    expect(outcome.readmes.get("nobody-here/gone")).toBeNull();
    expect(outcome.readmes.get(known.fullName)).toEqual(expect.any(String));
    expect(outcome.details.has("nobody-here/gone")).toBe(false);
    expect(outcome.details.has(known.fullName)).toBe(true);
    expect(outcome.warnings).toEqual([
      "Could not load the starter issues and health of 1 repository (nobody-here/gone); they are analyzed without them.",
    ]);
  });

  it("cuts READMEs to the configured length", async () => {
    const oversized = catalog.repos.find((repo) => repo.readme?.style === "oversized");
    if (!oversized) throw new Error("catalog has no oversized README");
    const outcome = await createSource({ readmeMaxChars: 500 }).fetchCandidateDetails(
      [oversized.metadata],
      {},
    );

    const text = outcome.readmes.get(oversized.metadata.fullName);
    expect(text).toHaveLength(500);
    expect(catalog.readReadme(oversized)?.startsWith(text ?? "-")).toBe(true);
  });

  it("passes owner and name only as variables, so a hostile name cannot change the query", async () => {
    const [known] = someRepos(1);
    if (!known) throw new Error("catalog has no match");
    const hostile = {
      ...known,
      owner: 'x") { id } evil: rateLimit { cost } y: repository(owner: "a',
      name: "b",
      fullName: "hostile",
    };
    const outcome = await createSource().fetchCandidateDetails([known, hostile], {});

    const [request] = server.graphqlRequests();
    expect(request?.graphql?.variables).toMatchObject({
      o0: known.owner,
      n0: known.name,
      o1: hostile.owner,
      n1: hostile.name,
    });
    // The rest are the starter label set and the health window's start, both our own constants.
    expect(Object.keys(request?.graphql?.variables ?? {}).sort()).toEqual([
      "labels",
      "n0",
      "n1",
      "o0",
      "o1",
      "since",
    ]);
    expect(request?.graphql?.query).not.toContain(known.owner);
    expect(request?.graphql?.query).not.toContain("evil");
    expect(outcome.readmes.get(`${hostile.owner}/${hostile.name}`)).toBeNull();
  });

  it("keeps the READMEs and details fetched before a long rate limit, with a warning", async () => {
    server.inject({ kind: "graphql-rate-limited", resetInSeconds: 3600, after: 1, times: Infinity });
    const outcome = await createSource().fetchCandidateDetails(someRepos(45), {});

    expect(outcome.readmes.size).toBe(20);
    expect(outcome.details.size).toBe(20);
    expect(outcome.warnings).toEqual([
      expect.stringMatching(
        /^GitHub's rate limit is spent until \d\d:\d\d UTC; the READMEs, starter issues and health of 25 repositories were not fetched\.$/,
      ),
    ]);
  });

  it("costs 6 GitHub requests for a search of 300 matches and 50 READMEs", async () => {
    const source = createSource();
    const search = await source.searchRepositories(twoLanguages, { limit: 300 });
    const readmes = await source.fetchCandidateDetails(search.repos.slice(0, 50), {});

    expect(search.requests + readmes.requests).toBe(6);
    expect(server.requests).toHaveLength(6);
    // GitHub's points: 5 per search page of 100; 13, 13 and 6 for the candidate queries (the details
    // cost them; the READMEs alone would cost 1 each).
    expect(server.graphqlRequests().map((request) => request.cost?.cost)).toEqual([5, 5, 5, 13, 13, 6]);
  });
});

describe("cancelling", () => {
  it("aborts the request in flight and rejects at once", async () => {
    server.inject({ kind: "latency", ms: 10_000 });
    const controller = new AbortController();
    const search = createSource().searchRepositories(twoLanguages, { limit: 100, signal: controller.signal });
    await server.waitFor((requests) => requests.length === 1);

    const started = performance.now();
    controller.abort();
    const error = await rejectionOf(search);

    expect(error).toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(500);
    await server.waitFor((requests) => requests[0]?.outcome === "client-closed");
  });

  it("stops waiting between retries and sends nothing more", async () => {
    server.inject({ kind: "status", status: 503, times: Infinity });
    const controller = new AbortController();
    const source = createSource({ retry: { retries: 3, backoffBaseMs: 60_000 } });
    const search = source.searchRepositories(twoLanguages, { limit: 100, signal: controller.signal });
    await server.waitFor((requests) => requests[0]?.outcome === "answered");

    controller.abort();
    const error = await rejectionOf(search);

    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const error = await rejectionOf(
      createSource().fetchCandidateDetails(expectedMatches(twoLanguages).slice(0, 5), {
        signal: AbortSignal.abort(),
      }),
    );

    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(0);
  });
});

describe("the token", () => {
  it("travels only in the Authorization header and never shows up in results, errors or logs", async () => {
    const source = createSource();
    const search = await source.searchRepositories(twoLanguages, { limit: 150 });
    const readmes = await source.fetchCandidateDetails(search.repos.slice(0, 25), {});
    server.inject({ kind: "status", status: 502, times: Infinity });
    const upstream = await rejectionOf(source.searchRepositories(twoLanguages, { limit: 10 }));
    server.reset();
    server.inject({ kind: "rate-limit", resetInSeconds: 3600, times: Infinity });
    const limited = await source.fetchCandidateDetails(search.repos.slice(0, 5), {});
    server.reset();
    server.inject({ kind: "bad-credentials" });
    const refused = await rejectionOf(source.searchRepositories(twoLanguages, { limit: 10 }));

    expect(server.requests.length).toBeGreaterThan(0);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe(`token ${server.token}`);
      const elsewhere = { ...request.headers, authorization: "", path: request.path, body: request.body };
      expect(JSON.stringify(elsewhere)).not.toContain(server.token);
    }
    expect(limited.warnings).toHaveLength(1);
    const seen = [search, readmes, [...readmes.readmes], upstream, limited, refused, logs].map((value) =>
      inspect(value, { depth: 20 }),
    );
    for (const text of seen) expect(text).not.toContain(server.token);
  });
});

describe("the live source against the test server and the catalog source", () => {
  it("find the same repositories and READMEs for the same search", async () => {
    const catalogSource = createCatalogSource({ catalog, readmeMaxChars: 2000, now: () => NOW });
    const liveSource = createSource({ readmeMaxChars: 2000 });
    const filters = filtersOf({ languages: ["Python", "TypeScript"], topics: [], query: "" });

    const [viaCatalog, viaLive] = await Promise.all([
      catalogSource.searchRepositories(filters, { limit: 300 }),
      liveSource.searchRepositories(filters, { limit: 300 }),
    ]);
    expect(viaLive.repos.length).toBeGreaterThan(100);
    expect(viaLive.repos).toEqual(viaCatalog.repos);
    expect(viaLive.totalCount).toBe(viaCatalog.totalCount);
    expect(viaLive.warnings).toEqual(viaCatalog.warnings);

    const sample = viaCatalog.repos.slice(0, 40);
    const [catalogReadmes, liveReadmes] = await Promise.all([
      catalogSource.fetchCandidateDetails(sample, {}),
      liveSource.fetchCandidateDetails(sample, {}),
    ]);
    expect(liveReadmes.readmes).toEqual(catalogReadmes.readmes);
    // One parser over the same GitHub shape: the same starter issues, claims and health signals.
    expect(liveReadmes.details.size).toBe(sample.length);
    expect(liveReadmes.details).toEqual(catalogReadmes.details);
    expect([...liveReadmes.details.values()].some((details) => details.starterIssues.length > 0)).toBe(true);
  });
});

describe("deadlines", () => {
  it("gives up on a request GitHub does not answer, and retries it with a fresh deadline", async () => {
    server.inject({ kind: "hang" });
    // Long enough for the retry's page of 100 to arrive on a loaded machine; the hang costs all of it.
    const outcome = await createSource({ requestTimeoutMs: 1_000 }).searchRepositories(twoLanguages, {
      limit: 100,
    });

    expect(outcome.repos).toHaveLength(100);
    expect(outcome.requests).toBe(2);
    expect(server.requests.map((request) => request.outcome)).toEqual(["client-closed", "answered"]);
    expect(logs).toContain("[github] POST /graphql got no answer within 1000 ms (attempt 1)");
  });

  it("names the deadline once every attempt has missed it", async () => {
    server.inject({ kind: "hang", times: Infinity });
    const started = performance.now();
    const error = await rejectionOf(
      createSource({ requestTimeoutMs: 200 }).searchRepositories(twoLanguages, { limit: 100 }),
    );

    expect(error).toMatchObject({
      code: "UPSTREAM",
      message: "GitHub did not answer within 200 ms, 3 attempts. Try again in a few minutes.",
    });
    expect(server.requests).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(3 * 200 + 1000);
  });

  it("does not retry a cancel, whatever the reason the caller's signal gives", async () => {
    server.inject({ kind: "hang", times: Infinity });
    let attempts = 0;
    const countingFetch: typeof globalThis.fetch = (input, init) => {
      attempts += 1;
      return fetch(input, init);
    };
    // A run's own deadline aborts with a TimeoutError, which Octokit would otherwise treat as retryable.
    const controller = new AbortController();
    const search = createSource({ fetch: countingFetch }).searchRepositories(twoLanguages, {
      limit: 100,
      signal: controller.signal,
    });
    await server.waitFor((requests) => requests.length === 1);
    controller.abort(new DOMException("The search ran out of time", "TimeoutError"));

    expect(await rejectionOf(search)).toMatchObject({ name: "TimeoutError" });
    await server.waitFor((requests) => requests[0]?.outcome === "client-closed");
    // Retries here wait n² ms, so a retry would have been sent long before this.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(attempts).toBe(1);
  });

  it("logs a cancel as a cancel, not as an upstream 500", async () => {
    server.inject({ kind: "hang" });
    const controller = new AbortController();
    const readmes = createSource().fetchCandidateDetails(expectedMatches(twoLanguages).slice(0, 5), {
      signal: controller.signal,
    });
    await server.waitFor((requests) => requests.length === 1);
    controller.abort(new DOMException("The search was cancelled", "AbortError"));
    await rejectionOf(readmes);
    await server.waitFor((requests) => requests[0]?.outcome === "client-closed");

    expect(logs).toContain("[github] POST /graphql cancelled (The search was cancelled)");
    expect(logs.filter((line) => /500/.test(line))).toEqual([]);
  });

  it("counts every attempt as it is sent, also for a call that fails", async () => {
    server.inject({ kind: "status", status: 502, times: Infinity });
    let sent = 0;
    await rejectionOf(
      createSource().searchRepositories(twoLanguages, {
        limit: 100,
        onRequest: () => {
          sent += 1;
        },
      }),
    );

    expect(sent).toBe(3);
    expect(server.requests).toHaveLength(3);
  });
});

describe("fetching with READMEs already known (the README cache)", () => {
  const someRepos = (count: number) => expectedMatches(twoLanguages).slice(0, count);
  /** The README file names the live source asks for per repository (README.md, readme.md, ...). */
  const README_VARIANTS = 8;
  /** As the cache names them, in another letter case than GitHub's: names compare without case. */
  const knownNames = (repos: readonly RepoMetadata[]) =>
    new Set(repos.map((repo) => repo.fullName.toUpperCase()));

  it("asks only for the READMEs not known yet, and still for everyone's starter issues and health", async () => {
    const repos = someRepos(25);
    const complete = await createSource().fetchCandidateDetails(repos, {});
    server.reset();

    const known = repos.filter((_repo, index) => index % 2 === 0);
    const outcome = await createSource().fetchCandidateDetails(repos, { skipReadmes: knownNames(known) });

    const unknown = repos.filter((_repo, index) => index % 2 === 1);
    expect(outcome.requests).toBe(2);
    // Details group 1 holds 10 known and 10 unknown; group 2 holds 3 known and 2 unknown.
    expect(server.graphqlRequests().map((request) => request.readmeObjects)).toEqual([
      10 * README_VARIANTS,
      2 * README_VARIANTS,
    ]);
    expect([...outcome.readmes.keys()]).toEqual(names(unknown));
    for (const repo of unknown)
      expect(outcome.readmes.get(repo.fullName)).toBe(complete.readmes.get(repo.fullName));
    expect([...outcome.details.keys()]).toEqual(names(repos));
    expect(outcome.details).toEqual(complete.details);
    expect(outcome.warnings).toEqual([]);
  });

  it("asks for no README at all on a repeat whose READMEs are all known", async () => {
    const repos = someRepos(25);
    const outcome = await createSource().fetchCandidateDetails(repos, { skipReadmes: knownNames(repos) });

    expect(outcome.requests).toBe(2);
    expect(server.graphqlRequests().map((request) => request.readmeObjects)).toEqual([0, 0]);
    // The top-level tree ("HEAD:") is part of the details; no expression names a README file.
    expect(
      server.graphqlRequests().every((request) => !/"HEAD:[^"]/.test(request.graphql?.query ?? "")),
    ).toBe(true);
    expect(outcome.readmes.size).toBe(0);
    expect(outcome.details.size).toBe(25);
    for (const repo of repos) expect(outcome.details.get(repo.fullName)?.health).toEqual(expect.any(Object));
  });

  it("retries only the unknown READMEs when the merged query fails", async () => {
    const repos = someRepos(20);
    const known = repos.slice(0, 15);
    server.inject({ kind: "status", status: 502, times: 3 });
    const outcome = await createSource().fetchCandidateDetails(repos, { skipReadmes: knownNames(known) });

    const retry = server.graphqlRequests()[3];
    expect(outcome.requests).toBe(4);
    expect(retry?.graphql?.query).not.toContain("starterIssues");
    expect(retry && repositoriesAskedIn(retry)).toBe(5);
    expect(retry?.readmeObjects).toBe(5 * README_VARIANTS);
    expect([...outcome.readmes.keys()]).toEqual(names(repos.slice(15)));
    expect(outcome.details.size).toBe(0);
  });

  it("sends no README-only retry when every README of the failed details group is known", async () => {
    const repos = someRepos(5);
    server.inject({ kind: "status", status: 502, times: 3 });
    const outcome = await createSource().fetchCandidateDetails(repos, { skipReadmes: knownNames(repos) });

    expect(outcome.requests).toBe(3);
    expect(outcome.readmes.size).toBe(0);
    expect(outcome.details.size).toBe(0);
    expect(outcome.warnings).toEqual([
      stringContaining("Could not load the starter issues and health of 5 repositories"),
    ]);
  });
});

describe("a candidate query that keeps failing", () => {
  it("costs only its details group's details when the READMEs alone still load, with a warning that says so", async () => {
    const repos = expectedMatches(twoLanguages).slice(0, 25);
    // The first merged query (20 repositories) fails on all 3 attempts; its README-only retry and the
    // second details group succeed.
    server.inject({ kind: "status", status: 502, times: 3 });
    const outcome = await createSource().fetchCandidateDetails(repos, {});

    const failed = repos.slice(0, 20);
    for (const repo of failed) {
      const entry = catalog.findRepo(repo.owner, repo.name);
      const text = entry ? catalog.readReadme(entry) : null;
      expect(outcome.readmes.get(repo.fullName)).toBe(text === null ? null : text.slice(0, 16_000));
      expect(outcome.details.has(repo.fullName)).toBe(false);
    }
    for (const repo of repos.slice(20)) expect(outcome.details.has(repo.fullName)).toBe(true);
    expect(outcome.warnings).toEqual([
      `Could not load the starter issues and health of 20 repositories (${names(failed).slice(0, 5).join(", ")} and 15 more); they are analyzed without them.`,
    ]);
    const requests = server.graphqlRequests();
    expect(outcome.requests).toBe(5);
    expect(requests.map((request) => request.graphql?.query.includes("starterIssues"))).toEqual([
      true,
      true,
      true,
      false,
      true,
    ]);
  });

  it("costs only its own READMEs and details when the README-only retry fails too", async () => {
    const repos = expectedMatches(twoLanguages).slice(0, 25);
    server.inject({ kind: "status", status: 502, times: 6 });
    const outcome = await createSource().fetchCandidateDetails(repos, {});

    const failed = repos.slice(0, 20);
    for (const repo of failed) {
      expect(outcome.readmes.get(repo.fullName)).toBeNull();
      expect(outcome.details.has(repo.fullName)).toBe(false);
    }
    expect(repos.slice(20).some((repo) => typeof outcome.readmes.get(repo.fullName) === "string")).toBe(true);
    expect(outcome.warnings).toEqual([
      `Could not fetch the READMEs, starter issues and health of ${names(failed).join(", ")}; they are analyzed on their metadata alone.`,
    ]);
    expect(outcome.requests).toBe(7);
  });

  it("still ends the work when GitHub refuses the token", async () => {
    server.inject({ kind: "bad-credentials" });
    const error = await rejectionOf(
      createSource().fetchCandidateDetails(expectedMatches(twoLanguages).slice(0, 5), {}),
    );
    expect(error).toMatchObject({ code: "CONFIGURATION" });
    expect((error as AppError).message).toContain("GITHUB_TOKEN");
  });
});
