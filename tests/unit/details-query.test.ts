import { describe, expect, it } from "vitest";
import {
  countOutsideMergedPullRequests,
  isBotActor,
  medianOf,
  readRepositoryDetails,
} from "@/server/sources/read-repository-details";
import { pickReadmeText } from "@/server/sources/github/graphql-queries";
import { REPO_CONTENTS_CAP } from "@/shared/repo-contents";

const now = new Date("2026-11-25T12:00:00Z");
const user = (login: string) => ({ __typename: "User", login });

const issueNode = (number: number, overrides: Record<string, unknown> = {}) => ({
  number,
  title: `Issue ${number}`,
  url: `https://github.com/o/n/issues/${number}`,
  createdAt: "2026-10-01T00:00:00Z",
  updatedAt: "2026-11-01T00:00:00Z",
  labels: { nodes: [{ name: "good first issue" }] },
  comments: { totalCount: 2 },
  assignees: { totalCount: 0 },
  closedByPullRequestsReferences: { nodes: [] },
  ...overrides,
});

const repository = (overrides: Record<string, unknown> = {}) => ({
  starterIssues: { nodes: [issueNode(1)] },
  recentIssues: {
    nodes: [
      {
        createdAt: "2026-11-01T00:00:00Z",
        author: user("asker"),
        comments: {
          nodes: [
            { createdAt: "2026-11-01T00:05:00Z", author: { __typename: "Bot", login: "welcome" } },
            { createdAt: "2026-11-01T01:00:00Z", author: user("asker") },
            { createdAt: "2026-11-01T03:00:00Z", author: user("maintainer") },
          ],
        },
      },
    ],
  },
  mergedPullRequests: {
    nodes: [
      { mergedAt: "2026-11-20T00:00:00Z", authorAssociation: "CONTRIBUTOR", author: user("someone") },
      { mergedAt: "2026-11-20T00:00:00Z", authorAssociation: "MEMBER", author: user("maintainer") },
    ],
  },
  defaultBranchRef: { target: { history: { totalCount: 42 } } },
  contributingGuidelines: { body: "# Contributing" },
  codeOfConduct: { key: "contributor_covenant" },
  latestRelease: { publishedAt: "2026-09-01T00:00:00Z" },
  ...overrides,
});

describe("reading a repository's details", () => {
  it("turns GitHub's answer into starter issues and health", () => {
    expect(readRepositoryDetails(repository(), { now })).toEqual({
      starterIssues: [
        {
          number: 1,
          title: "Issue 1",
          url: "https://github.com/o/n/issues/1",
          labels: ["good first issue"],
          createdAt: "2026-10-01T00:00:00Z",
          updatedAt: "2026-11-01T00:00:00Z",
          comments: 2,
          claimed: false,
        },
      ],
      health: {
        commitsLast90Days: 42,
        medianFirstResponseHours: 3,
        outsideMergedPrsLast90Days: 1,
        hasContributingGuide: true,
        hasCodeOfConduct: true,
        lastReleaseAt: "2026-09-01T00:00:00Z",
      },
    });
  });

  it("claims an issue for an assignee or an open linked pull request, never for a closed or merged one", () => {
    const details = readRepositoryDetails(
      repository({
        starterIssues: {
          nodes: [
            issueNode(1, { assignees: { totalCount: 1 } }),
            issueNode(2, { closedByPullRequestsReferences: { nodes: [{ state: "OPEN" }] } }),
            issueNode(3, {
              closedByPullRequestsReferences: { nodes: [{ state: "CLOSED" }, { state: "MERGED" }] },
            }),
            issueNode(4, { closedByPullRequestsReferences: null }),
          ],
        },
      }),
      { now },
    );
    expect(details?.starterIssues.map((issue) => [issue.number, issue.claimed])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, false],
    ]);
  });

  it("drops a malformed issue and keeps the rest", () => {
    const details = readRepositoryDetails(
      repository({ starterIssues: { nodes: [issueNode(1), { number: "two" }, null, issueNode(3)] } }),
      { now },
    );
    expect(details?.starterIssues.map((issue) => issue.number)).toEqual([1, 3]);
  });

  it("leaves a signal it cannot read as unknown, without losing the others", () => {
    const details = readRepositoryDetails(
      repository({
        defaultBranchRef: null,
        mergedPullRequests: "garbage",
        contributingGuidelines: { body: "   " },
        codeOfConduct: null,
        latestRelease: { publishedAt: 12 },
      }),
      { now },
    );
    expect(details?.health).toEqual({
      commitsLast90Days: null,
      medianFirstResponseHours: 3,
      outsideMergedPrsLast90Days: null,
      hasContributingGuide: false,
      hasCodeOfConduct: false,
      lastReleaseAt: null,
    });
  });

  it("gives null for a repository that did not resolve or carries no details", () => {
    expect(readRepositoryDetails(null, { now })).toBeNull();
    expect(readRepositoryDetails("oops", { now })).toBeNull();
    expect(readRepositoryDetails({ f0: { text: "# Readme" } }, { now })).toBeNull();
  });

  it("still finds the README in a repository that also carries details (the merged query)", () => {
    expect(pickReadmeText({ ...repository(), databaseId: 7, f0: null, f1: { text: "# hello" } })).toBe(
      "# hello",
    );
  });
});

describe("reading a repository's top-level tree", () => {
  const tree = (entries: unknown) => repository({ topLevelTree: { entries } });
  const contentsOf = (answer: unknown) => readRepositoryDetails(answer, { now })?.contents;

  it("lists the entries at the top of the default branch, files, folders and submodules alike", () => {
    expect(
      contentsOf(
        tree([
          { name: ".github", type: "tree" },
          { name: "Cargo.toml", type: "blob" },
          { name: "vendor-lib", type: "commit" },
        ]),
      ),
    ).toEqual([
      { name: ".github", type: "tree" },
      { name: "Cargo.toml", type: "blob" },
      { name: "vendor-lib", type: "commit" },
    ]);
    expect(contentsOf(tree([]))).toEqual([]);
  });

  it("gives null for an empty repository, an answer that is no tree, or entries GitHub did not list", () => {
    expect(contentsOf(repository({ topLevelTree: null }))).toBeNull();
    // `... on Tree` selects nothing from another kind of object: GitHub answers {}.
    expect(contentsOf(repository({ topLevelTree: {} }))).toBeNull();
    expect(contentsOf(tree(null))).toBeNull();
    expect(contentsOf(repository({ topLevelTree: "garbage" }))).toBeNull();
  });

  it("drops an entry of an unknown type, an empty name or a malformed one, and keeps the rest", () => {
    expect(
      contentsOf(
        tree([
          { name: "README.md", type: "blob" },
          { name: "", type: "blob" },
          { name: "link", type: "symlink" },
          { name: 7, type: "tree" },
          null,
          { name: "src", type: "tree", mode: 16384 },
        ]),
      ),
    ).toEqual([
      { name: "README.md", type: "blob" },
      { name: "src", type: "tree" },
    ]);
  });

  it(`keeps the first ${REPO_CONTENTS_CAP} entries of a larger top level`, () => {
    const entries = Array.from({ length: REPO_CONTENTS_CAP + 50 }, (_, index) => ({
      name: `day-${String(index + 1).padStart(3, "0")}.md`,
      type: "blob",
    }));
    const contents = contentsOf(tree([{ name: "", type: "blob" }, ...entries]));
    expect(contents).toHaveLength(REPO_CONTENTS_CAP);
    expect(contents?.[0]?.name).toBe("day-001.md");
    expect(contents?.at(-1)?.name).toBe(`day-${REPO_CONTENTS_CAP}.md`);
  });

  it("loses none of the other details to a malformed tree", () => {
    const plain = readRepositoryDetails(repository(), { now });
    const details = readRepositoryDetails(repository({ topLevelTree: { entries: "garbage" } }), { now });
    expect(details).toEqual({ ...plain, contents: null });
  });

  it("says nothing about contents when the answer did not ask for the tree", () => {
    expect(readRepositoryDetails(repository(), { now })).not.toHaveProperty("contents");
  });
});

describe("the health arithmetic", () => {
  it("takes the median of an even count as the mean of the middle two", () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 10])).toBe(3.5);
  });

  it("knows bots by their type or their name", () => {
    expect(isBotActor({ __typename: "Bot", login: "dependabot" })).toBe(true);
    expect(isBotActor(user("renovate[bot]"))).toBe(true);
    expect(isBotActor(user("k8s-ci-robot"))).toBe(true);
    expect(isBotActor(user("abbott"))).toBe(false);
    expect(isBotActor(null)).toBe(false);
  });

  it("counts only outside, human pull requests merged inside the window", () => {
    const windowStart = new Date("2026-08-27T12:00:00Z");
    expect(
      countOutsideMergedPullRequests(
        [
          {
            mergedAt: "2026-09-01T00:00:00Z",
            authorAssociation: "FIRST_TIME_CONTRIBUTOR",
            author: user("new"),
          },
          { mergedAt: "2026-09-01T00:00:00Z", authorAssociation: "NONE", author: user("drive-by") },
          { mergedAt: "2026-09-01T00:00:00Z", authorAssociation: "COLLABORATOR", author: user("insider") },
          {
            mergedAt: "2026-09-01T00:00:00Z",
            authorAssociation: "NONE",
            author: { __typename: "Bot", login: "dependabot" },
          },
          { mergedAt: "2026-08-01T00:00:00Z", authorAssociation: "CONTRIBUTOR", author: user("too-early") },
          { mergedAt: "2026-09-01T00:00:00Z", authorAssociation: "CONTRIBUTOR", author: null },
        ],
        windowStart,
      ),
    ).toBe(2);
  });
});
