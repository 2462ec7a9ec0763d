import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import { stringContaining } from "../support/matchers";

/** The test GitHub server must behave like GitHub where the live source relies on it, or its tests prove nothing. */

const catalog = generateDemoCatalog({ now: new Date("2025-06-01T12:00:00Z") });
const broadQuery =
  "language:Python language:TypeScript language:JavaScript language:Go language:Rust language:Java stars:0..500000 pushed:>=2022-01-01";

let server: GitHubServer;
beforeAll(async () => {
  server = await startGitHubServer({ data: createCatalogGitHubData(catalog) });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

async function postGraphql(body: unknown, token = server.token) {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { authorization: `bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json();
  return { response, json };
}

const searchPage = `query($q: String!, $after: String) {
  search(query: $q, type: REPOSITORY, first: 100, after: $after) {
    repositoryCount
    pageInfo { hasNextPage endCursor }
    nodes { ... on Repository { nameWithOwner } }
  }
}`;

const searchAnswerSchema = z.object({
  data: z.object({
    search: z.object({
      repositoryCount: z.number(),
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      nodes: z.array(z.unknown()),
    }),
  }),
});

const errorMessages = (json: unknown) =>
  z
    .object({ errors: z.array(z.object({ message: z.string() })) })
    .parse(json)
    .errors.map((error) => error.message);

describe("the test GitHub server", () => {
  it("rejects a field GitHub does not have, as GitHub does (HTTP 200 with errors)", async () => {
    const { response, json } = await postGraphql({ query: "{ rateLimit { remaining stars } }" });

    expect(response.status).toBe(200);
    expect(errorMessages(json)).toEqual([stringContaining("stars")]);
  });

  it("requires first or last on connections, and at most 100", async () => {
    const missing = await postGraphql({
      query: '{ search(query: "x", type: REPOSITORY) { repositoryCount } }',
    });
    const tooMany = await postGraphql({
      query: '{ search(query: "x", type: REPOSITORY, first: 101) { repositoryCount } }',
    });

    expect(missing.json).toMatchObject({ errors: [{ type: "MISSING_PAGINATION_BOUNDARIES" }] });
    expect(tooMany.json).toMatchObject({ errors: [{ type: "EXCESSIVE_PAGINATION" }] });
  });

  it("refuses a search GitHub refuses, with a typed error and no data", async () => {
    const refused = [
      "a OR b OR c OR d OR e OR f OR g",
      "good-first-issues:many",
      "help-wanted-issues:>lots",
      "sort:popularity",
    ];
    for (const q of refused) {
      const { response, json } = await postGraphql({ query: searchPage, variables: { q } });
      expect(response.status).toBe(200);
      // search is non-null in GitHub's schema, so its error nulls the whole of data.
      expect(json).toMatchObject({
        data: null,
        errors: [{ type: "INVALID_SEARCH_QUERY", path: ["search"] }],
      });
    }
  });

  it("counts only GitHub's default starter labels for the qualifiers, on the issues it serves", async () => {
    const { json } = await postGraphql({
      query: `query($q: String!) {
        search(query: $q, type: REPOSITORY, first: 20) {
          repositoryCount
          nodes { ... on Repository {
            nameWithOwner
            issues(states: OPEN, first: 100) { nodes { labels(first: 10) { nodes { name } } } }
          } }
        }
      }`,
      variables: { q: "good-first-issues:>0 sort:stars" },
    });
    const answer = z
      .object({
        data: z.object({
          search: z.object({
            repositoryCount: z.number(),
            nodes: z.array(
              z.object({
                issues: z.object({
                  nodes: z.array(
                    z.object({ labels: z.object({ nodes: z.array(z.object({ name: z.string() })) }) }),
                  ),
                }),
              }),
            ),
          }),
        }),
      })
      .parse(json);
    const withMetadataCount = catalog.repos.filter(
      (repo) => !repo.fork && repo.metadata.goodFirstIssues > 0,
    ).length;
    // Synonym-only repositories ("beginner", "easy", ...) are Scout's starters but not GitHub's.
    expect(answer.data.search.repositoryCount).toBeGreaterThan(0);
    expect(answer.data.search.repositoryCount).toBeLessThan(withMetadataCount);
    for (const repo of answer.data.search.nodes) {
      const labels = repo.issues.nodes.flatMap((issue) => issue.labels.nodes.map((label) => label.name));
      expect(labels.map((label) => label.toLowerCase())).toContain("good first issue");
    }
  });

  it("counts every match but serves no more than 1,000 of them", async () => {
    let after: string | null = null;
    let served = 0;
    let count = 0;
    for (let page = 0; page < 20; page += 1) {
      const { json } = await postGraphql({ query: searchPage, variables: { q: broadQuery, after } });
      const { search } = searchAnswerSchema.parse(json).data;
      count = search.repositoryCount;
      served += search.nodes.length;
      if (!search.pageInfo.hasNextPage) break;
      after = search.pageInfo.endCursor;
    }

    expect(count).toBeGreaterThan(1000);
    expect(served).toBe(1000);
  });

  it("sends GitHub's rate-limit headers on every response, errors included", async () => {
    const ok = await postGraphql({ query: "{ rateLimit { remaining } }" });
    const refused = await postGraphql({ query: "{ rateLimit { remaining } }" }, "ghp_wrong");

    for (const { response } of [ok, refused]) {
      for (const header of [
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "x-ratelimit-used",
        "x-ratelimit-resource",
      ]) {
        expect(response.headers.get(header)).not.toBeNull();
      }
    }
    expect(refused.response.status).toBe(401);
    expect(refused.json).toMatchObject({ message: "Bad credentials" });
    expect(ok.json).toEqual({ data: { rateLimit: { remaining: 4999 } } });
  });

  it("answers a repository it does not know with null and a NOT_FOUND error, as GitHub does", async () => {
    const { json } = await postGraphql({
      query: "query($o: String!, $n: String!) { r0: repository(owner: $o, name: $n) { name } }",
      variables: { o: "nobody", n: "nothing" },
    });

    expect(json).toEqual({
      data: { r0: null },
      errors: [
        expect.objectContaining({
          type: "NOT_FOUND",
          path: ["r0"],
          message: "Could not resolve to a Repository with the name 'nobody/nothing'.",
        }),
      ],
    });
  });

  it("rejects a field GitHub's published schema lacks, even one that sounds plausible", async () => {
    const { json } = await postGraphql({
      query: '{ repository(owner: "velora", name: "fast-yaml") { goodFirstIssueCount } }',
    });

    expect(errorMessages(json)).toEqual([expect.stringContaining("goodFirstIssueCount")]);
  });

  it("asks for first or last on a connection only when its nodes are wanted", async () => {
    const countOnly = await postGraphql({
      query: '{ repository(owner: "velora", name: "fast-yaml") { issues(states: OPEN) { totalCount } } }',
    });
    const nodes = await postGraphql({
      query: '{ repository(owner: "velora", name: "fast-yaml") { issues { nodes { number } } } }',
    });

    expect(countOnly.json).toEqual({ data: { repository: { issues: { totalCount: 46 } } } });
    expect(nodes.json).toMatchObject({ errors: [{ type: "MISSING_PAGINATION_BOUNDARIES" }] });
  });

  it("charges GitHub's cost formula (connection requests / 100) and reports it in rateLimit", async () => {
    // 1 search + 100 issue lists + 100 × 10 label lists = 1,101 requests: 11 points.
    const query = `{
      rateLimit { cost remaining nodeCount }
      search(query: "language:Python", type: REPOSITORY, first: 100) {
        nodes { ... on Repository { issues(first: 10) { nodes { labels(first: 5) { totalCount } } } } }
      }
    }`;
    const { json } = await postGraphql({ query });

    expect(json).toMatchObject({ data: { rateLimit: { cost: 11, remaining: 4989, nodeCount: 6100 } } });
    expect(server.graphqlRequests()[0]?.cost).toEqual({ cost: 11, nodeCount: 6100, requests: 1101 });
  });

  it("ORs the label names of an issues filter, ignoring case, as GitHub's GraphQL API does", async () => {
    const count = async (labels: string[]) => {
      const { json } = await postGraphql({
        query: `query($labels: [String!]) {
          repository(owner: "hyperion-labs", name: "hyperion") { issues(states: OPEN, labels: $labels) { totalCount } }
        }`,
        variables: { labels },
      });
      return z
        .object({
          data: z.object({ repository: z.object({ issues: z.object({ totalCount: z.number() }) }) }),
        })
        .parse(json).data.repository.issues.totalCount;
    };
    const repo = catalog.findRepo("hyperion-labs", "hyperion");
    const open = repo ? catalog.readActivity(repo).issues.filter((issue) => issue.state === "OPEN") : [];
    const carrying = (label: string) => open.filter((issue) => issue.labels.includes(label)).length;
    const [beginner] = open.flatMap((issue) => issue.labels).filter((label) => label !== "help wanted");
    if (!beginner) throw new Error("hyperion has no labelled issues");

    const either = open.filter(
      (issue) => issue.labels.includes(beginner) || issue.labels.includes("help wanted"),
    );
    expect(await count([beginner.toUpperCase()])).toBe(carrying(beginner));
    expect(await count([beginner, "help wanted"])).toBe(either.length);
    expect(either.length).toBeGreaterThan(Math.max(carrying(beginner), carrying("help wanted")));
  });

  it("reports language sizes, largest first, with the total over every language", async () => {
    const { json } = await postGraphql({
      query: `{ repository(owner: "marlo-dev", name: "python-tutorial-for-beginners") {
        languages(first: 2) { totalSize edges { size node { name } } }
      } }`,
    });
    const sizes = catalog.findRepo("marlo-dev", "python-tutorial-for-beginners")?.languageSizes ?? [];

    expect(json).toEqual({
      data: {
        repository: {
          languages: {
            totalSize: sizes.reduce((sum, language) => sum + language.size, 0),
            edges: sizes.slice(0, 2).map(({ name, size }) => ({ size, node: { name } })),
          },
        },
      },
    });
  });

  it("turns the rate limit into a RATE_LIMITED answer once it is spent", async () => {
    server.setRateLimit({ remaining: 0, resetInSeconds: 60 });
    const { response, json } = await postGraphql({ query: "{ rateLimit { remaining } }" });

    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(json).toMatchObject({ errors: [{ type: "RATE_LIMITED" }] });
  });
});
