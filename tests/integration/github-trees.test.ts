import { afterEach, describe, expect, it } from "vitest";
import { demoCatalogLandmarks } from "@/server/sources/catalog/catalog-landmarks";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import type { CatalogRepo } from "@/server/sources/catalog/demo-catalog";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { buildCandidateQuery } from "@/server/sources/github/details-query";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import { REPO_CONTENTS_CAP } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import {
  startGitHubServer,
  type GitHubServer,
  type GitHubServerData,
  type GitHubServerRepo,
} from "../fakes/github-server";
import type { GitHubServerTree } from "../fakes/github-server-tree";

/**
 * The top-level tree end to end: the test GitHub server answers `object(expression: "HEAD:")` from its
 * repositories' data, awkward cases included, and the live source's details query, over real HTTP, hands
 * it on as the details' contents; the catalog's trees reach the live source unchanged.
 */

const NOW = new Date("2025-06-01T12:00:00Z");

function metadata(
  owner: string,
  name: string,
  primaryLanguage: string | null,
  githubId: number,
): RepoMetadata {
  return {
    githubId,
    owner,
    name,
    fullName: `${owner}/${name}`,
    url: `https://github.com/${owner}/${name}`,
    description: null,
    primaryLanguage,
    languages: primaryLanguage === null ? [] : [primaryLanguage],
    stars: 50,
    forks: 2,
    openIssues: 3,
    topics: [],
    license: "MIT",
    pushedAt: "2025-05-01T00:00:00Z",
    createdAt: "2024-01-01T00:00:00Z",
    goodFirstIssues: 1,
    helpWantedIssues: 0,
  };
}

let nextGithubId = 7000;

function fixture(
  name: string,
  options: { language?: string | null; tree?: GitHubServerRepo["tree"]; readme?: string | null } = {},
): GitHubServerRepo {
  const readme = options.readme === undefined ? "README.md" : options.readme;
  return {
    metadata: metadata(
      "trees",
      name,
      options.language === undefined ? "Rust" : options.language,
      (nextGithubId += 1),
    ),
    archived: false,
    fork: false,
    license: { key: "mit", spdxId: "MIT" },
    readme: readme === null ? null : { path: readme, readText: () => `# ${name}\n` },
    ...(options.tree === undefined ? {} : { tree: options.tree }),
  };
}

const thirtyDays: GitHubServerTree = [
  ...Array.from({ length: 30 }, (_, index) => ({
    name: `Day-${String(index + 1).padStart(2, "0")}`,
    type: "tree" as const,
  })),
  { name: "README.md", type: "blob" },
  { name: "images", type: "tree" },
];
const withSubmodule: GitHubServerTree = [
  { name: ".github", type: "tree" },
  { name: "CMakeLists.txt", type: "blob" },
  { name: "README.md", type: "blob" },
  { name: "src", type: "tree" },
  { name: "third_party", type: "commit" },
];
const aYearOfDays: GitHubServerTree = Array.from({ length: 365 }, (_, index) => ({
  name: `day-${String(index + 1).padStart(3, "0")}.md`,
  type: "blob",
}));

const fixtures = [
  fixture("thirty-days", { language: "JavaScript", tree: thirtyDays }),
  fixture("native-lib", { language: "C++", tree: withSubmodule }),
  fixture("empty", { tree: null, readme: null }),
  fixture("year-of-days", { language: null, tree: () => aYearOfDays }),
  fixture("derived", { language: "Rust" }),
  fixture("derived-list", { language: null }),
];

function fixtureData(repos: readonly GitHubServerRepo[]): GitHubServerData {
  const byName = new Map(repos.map((repo) => [repo.metadata.fullName.toLowerCase(), repo]));
  return {
    search: () => ({ matches: [], totalCount: 0 }),
    findRepository: (owner, name) => byName.get(`${owner}/${name}`.toLowerCase()),
  };
}

const servers: GitHubServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(data: GitHubServerData): Promise<GitHubServer> {
  const server = await startGitHubServer({ data, now: () => NOW });
  servers.push(server);
  return server;
}

async function postGraphql(server: GitHubServer, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { authorization: `bearer ${server.token}`, "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return { text: await response.text(), cost: server.graphqlRequests().at(-1)?.cost };
}

function liveSource(server: GitHubServer) {
  return createLiveGitHubSource({
    token: server.token,
    apiUrl: server.url,
    readmeMaxChars: 16_000,
    now: () => NOW,
    retry: { retries: 0, backoffBaseMs: 1 },
    throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 0, msPerSecond: 1, graphqlMinIntervalMs: 0 },
    logger: { warn: () => undefined, error: () => undefined },
  });
}

const treeQuery = `query($o: String!, $n: String!) {
  repository(owner: $o, name: $n) {
    root: object(expression: "HEAD:") {
      __typename
      ... on Tree { entries { name type mode path submodule { name path } } }
    }
    missing: object(expression: "HEAD:no/such/path.md") { __typename }
    readme: object(expression: "HEAD:README.md") { ... on Blob { text } }
  }
}`;

type TreeAnswer = {
  data: {
    repository: {
      root: {
        __typename: string;
        entries: { name: string; type: string; mode: number; path: string; submodule: unknown }[];
      } | null;
      missing: unknown;
      readme: { text: string } | null;
    };
  };
};

async function askTree(server: GitHubServer, name: string): Promise<TreeAnswer["data"]["repository"]> {
  const { text } = await postGraphql(server, treeQuery, { o: "trees", n: name });
  return (JSON.parse(text) as TreeAnswer).data.repository;
}

describe("the test GitHub server's trees", () => {
  it("answers HEAD: with the fixture's entries as a Tree, next to the README and null for a path that is not there", async () => {
    const server = await serve(fixtureData(fixtures));
    const answer = await askTree(server, "thirty-days");
    expect(answer.root?.__typename).toBe("Tree");
    expect(answer.root?.entries.map(({ name, type }) => ({ name, type }))).toEqual(thirtyDays);
    expect(answer.root?.entries[0]).toMatchObject({ mode: 0o040000, path: "Day-01", submodule: null });
    expect(answer.missing).toBeNull();
    expect(answer.readme).toEqual({ text: "# thirty-days\n" });
    // The README and the missing path are file lookups; the root is the tree.
    expect(server.graphqlRequests()[0]).toMatchObject({ readmeObjects: 2, treeObjects: 1 });
  });

  it("answers null for an empty repository, and lists a submodule as a commit entry", async () => {
    const server = await serve(fixtureData(fixtures));
    expect((await askTree(server, "empty")).root).toBeNull();
    const native = await askTree(server, "native-lib");
    expect(native.root?.entries.find((entry) => entry.name === "third_party")).toMatchObject({
      type: "commit",
      mode: 0o160000,
      submodule: { name: "third_party", path: "third_party" },
    });
  });

  it("serves a top level longer than the details keep, whole", async () => {
    const server = await serve(fixtureData(fixtures));
    expect((await askTree(server, "year-of-days")).root?.entries).toHaveLength(365);
  });

  it("derives a tree that argues neither way for a fixture that spells none out", async () => {
    const server = await serve(fixtureData(fixtures));
    const names = (await askTree(server, "derived")).root?.entries.map((entry) => entry.name);
    expect(names).toEqual([".gitignore", "LICENSE", "README.md", "main.rs"]);
    const list = (await askTree(server, "derived-list")).root?.entries.map((entry) => entry.name);
    expect(list).toEqual(["LICENSE", "README.md"]);
  });
});

describe("contents through the live source", () => {
  it("returns each candidate's top level with its details, over HTTP, awkward cases included", async () => {
    const server = await serve(fixtureData(fixtures));
    const { details, warnings } = await liveSource(server).fetchCandidateDetails(
      fixtures.map((repo) => repo.metadata),
      {},
    );
    expect(warnings).toEqual([]);
    const contentsOf = (name: string) => details.get(`trees/${name}`)?.contents;
    expect(contentsOf("thirty-days")).toEqual(thirtyDays);
    expect(contentsOf("native-lib")).toEqual(withSubmodule);
    expect(contentsOf("empty")).toBeNull();
    expect(contentsOf("year-of-days")).toEqual(aYearOfDays.slice(0, REPO_CONTENTS_CAP));
    expect(contentsOf("derived")?.map((entry) => entry.name)).toContain("main.rs");
    // One details query for the group, with the tree of each repository in it.
    expect(server.graphqlRequests()).toHaveLength(1);
    expect(server.graphqlRequests()[0]?.treeObjects).toBe(fixtures.length);
  });

  it("hands on the demo catalog's trees as the catalog source does", async () => {
    const catalog = generateDemoCatalog({ now: NOW });
    const server = await serve(createCatalogGitHubData(catalog));
    const find = (fullName: string): CatalogRepo => {
      const [owner = "", name = ""] = fullName.split("/");
      const repo = catalog.findRepo(owner, name);
      if (!repo) throw new Error(`${fullName} is not in the catalog`);
      return repo;
    };
    const repos = [
      find(demoCatalogLandmarks.typescriptCourse),
      find(demoCatalogLandmarks.awesomePython),
      find(demoCatalogLandmarks.pythonTutorial),
      ...catalog.repos.filter((repo) => repo.tree?.kind === "software").slice(0, 5),
    ].map((repo) => repo.metadata);
    const live = await liveSource(server).fetchCandidateDetails(repos, {});
    const offline = await createCatalogSource({
      catalog,
      readmeMaxChars: 16_000,
      now: () => NOW,
    }).fetchCandidateDetails(repos, {});
    for (const repo of repos) {
      const contents = live.details.get(repo.fullName)?.contents;
      expect(contents).toEqual(catalog.readTree(find(repo.fullName)));
      expect(contents).toEqual(offline.details.get(repo.fullName)?.contents);
    }
  });
});

describe("the cost of the tree", () => {
  it("leaves a details group's rate-limit cost as it was: object and Tree.entries are no connections", async () => {
    const catalog = generateDemoCatalog({ now: NOW });
    const server = await serve(createCatalogGitHubData(catalog));
    const group = catalog.repos
      .filter((repo) => !repo.fork)
      .slice(0, 20)
      .map((repo) => repo.metadata);
    const { query, variables } = buildCandidateQuery(group, { readme: true, details: true, now: NOW });
    const withoutTree = query.replace(/^\s*topLevelTree:.*$/gm, "");
    expect(withoutTree).not.toBe(query);

    const before = await postGraphql(server, withoutTree, variables);
    const after = await postGraphql(server, query, variables);
    expect(after.cost).toEqual(before.cost);
    expect(after.cost).toEqual({ cost: 13, requests: 1280, nodeCount: 8600 });
    // The answer grows by the entries' names and types alone, a few hundred bytes per repository.
    const growth = after.text.length - before.text.length;
    expect(growth).toBeGreaterThan(0);
    expect(growth / group.length).toBeLessThan(2_000);
  });
});
