import { DETAILS_GROUP_SIZE } from "@/server/sources/repository-source";
import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import { buildCandidateQuery, buildDetailsQuery } from "@/server/sources/github/details-query";
import { buildReadmeQuery, searchRepositoriesQuery } from "@/server/sources/github/graphql-queries";
import { buildIssueStatesQuery, ISSUES_PER_QUERY } from "@/server/sources/github/issue-states-query";

/**
 * Every GraphQL document the live source can send, checked against GitHub's own published schema
 * (@octokit/graphql-schema). A misspelt field, a wrong argument or a mistyped variable fails here, before
 * api.github.com could refuse it.
 */

const now = new Date("2026-11-25T12:00:00Z");
const repos = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ owner: `owner-${index}`, name: `name.${index}` }));
const messagesOf = (query: string) => validate(query).map((error) => error.message);
// The README cache's names, in another letter case than the repositories': GitHub ignores case.
const knownAll = new Set(repos(DETAILS_GROUP_SIZE).map((repo) => `${repo.owner}/${repo.name}`.toUpperCase()));
const knownHalf = new Set([...knownAll].filter((_name, index) => index % 2 === 0));

const documents: [string, string][] = [
  [
    "the issue-state lookup for 1 issue",
    buildIssueStatesQuery([{ repository: "owner-0/name.0", number: 7 }]).query,
  ],
  [
    "the issue-state lookup for a full query over several repositories",
    buildIssueStatesQuery(
      Array.from({ length: ISSUES_PER_QUERY }, (_, index) => ({
        repository: `owner-${index % 7}/name.${index % 7}`,
        number: index + 1,
      })),
    ).query,
  ],
  ["the search page", searchRepositoriesQuery],
  ["the README query for 1 repository", buildReadmeQuery(repos(1)).query],
  ["the README query for 20 repositories", buildReadmeQuery(repos(DETAILS_GROUP_SIZE)).query],
  ["the details query for 1 repository", buildDetailsQuery(repos(1), { now }).query],
  ["the details query for 20 repositories", buildDetailsQuery(repos(DETAILS_GROUP_SIZE), { now }).query],
  [
    "the merged README and details query for 1 repository",
    buildCandidateQuery(repos(1), { readme: true, details: true, now }).query,
  ],
  [
    "the merged README and details query for 20 repositories",
    buildCandidateQuery(repos(DETAILS_GROUP_SIZE), { readme: true, details: true, now }).query,
  ],
  [
    "the README-only candidate query for 20 repositories",
    buildCandidateQuery(repos(DETAILS_GROUP_SIZE), { readme: true, details: false, now }).query,
  ],
  [
    "the merged query for 20 repositories, half of whose READMEs are known",
    buildCandidateQuery(repos(DETAILS_GROUP_SIZE), {
      readme: true,
      details: true,
      now,
      skipReadmes: knownHalf,
    }).query,
  ],
  [
    "the merged query for 20 repositories whose READMEs are all known",
    buildCandidateQuery(repos(DETAILS_GROUP_SIZE), {
      readme: true,
      details: true,
      now,
      skipReadmes: knownAll,
    }).query,
  ],
];

describe("the live source's GraphQL documents", () => {
  it.each(documents)("%s validates against GitHub's published schema", (_name, query) => {
    expect(messagesOf(query)).toEqual([]);
  });

  it("would be caught if they asked for a field GitHub does not have", () => {
    const broken = buildDetailsQuery(repos(1), { now }).query.replace("assignees {", "assignee {");
    expect(messagesOf(broken)).toEqual([
      expect.stringContaining('Cannot query field "assignee" on type "Issue"'),
    ]);
  });

  it("declare every variable they use, with the types GitHub expects", () => {
    const { query, variables } = buildDetailsQuery(repos(2), { now });
    expect(Object.keys(variables).sort()).toEqual(["labels", "n0", "n1", "o0", "o1", "since"]);
    expect(query).toContain("$labels: [String!]");
    expect(query).toContain("$since: GitTimestamp");
    expect(variables.since).toBe("2026-08-27T12:00:00.000Z");
  });

  it("ask for no README file of a repository whose README is known, and still for its details", () => {
    const { query } = buildCandidateQuery(repos(2), {
      readme: true,
      details: true,
      now,
      skipReadmes: new Set(["OWNER-0/Name.0"]),
    });
    const [first, second] = query.split("r1: repository");
    expect(first).not.toContain("HEAD:README");
    expect(first).toContain("starterIssues: issues");
    expect(second).toContain("HEAD:README.md");
    expect(second).toContain("starterIssues: issues");
  });

  it("refuse more repositories than one query may carry", () => {
    expect(() => buildDetailsQuery(repos(DETAILS_GROUP_SIZE + 1), { now })).toThrow(RangeError);
  });
});
