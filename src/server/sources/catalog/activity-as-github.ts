import {
  MERGED_PULL_REQUEST_SAMPLE,
  RESPONSE_SAMPLE_COMMENTS,
  RESPONSE_SAMPLE_ISSUES,
  STARTER_ISSUES_PER_REPO,
  healthWindowStart,
} from "@/server/sources/details-sampling";
import { isStarterLabel } from "@/shared/starter-labels";
import {
  countCommitsSince,
  type CatalogActivity,
  type CatalogActor,
  type CatalogIssue,
} from "./catalog-activity";

/**
 * A demo repository's activity as the repository object GitHub would answer the details query with, so
 * the catalog source reads it back with the same parser as the live source (read-repository-details.ts) and
 * both sources agree on what claimed, responsive and outside mean. The selection rules mirror
 * GitHub's (and the test GitHub server's): label filters OR'd and case-insensitive, orderings stable.
 */

const LABELS_PER_ISSUE = 10;
const LINKED_PULL_REQUESTS = 5;

function actor(author: CatalogActor) {
  return { __typename: author.bot ? "Bot" : "User", login: author.login };
}

/** Descending by key; equal keys keep their order, as GitHub's (and the test server's) sort does. */
function newestFirst<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((left, right) => {
    const a = key(left);
    const b = key(right);
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** One issue as GitHub answers `issue(number:)` with the fields read-issue-states.ts reads. */
export function toGitHubIssueState(issue: CatalogIssue): unknown {
  return {
    number: issue.number,
    state: issue.state,
    assignees: { totalCount: issue.assignees.length },
    closedByPullRequestsReferences: {
      nodes: issue.closingPullRequests
        .filter((pullRequest) => pullRequest.state === "OPEN")
        .slice(0, LINKED_PULL_REQUESTS)
        .map((pullRequest) => ({ state: pullRequest.state })),
    },
  };
}

export function toGitHubRepositoryDetails(
  activity: CatalogActivity,
  options: { now: Date },
): Record<string, unknown> {
  const since = healthWindowStart(options.now);
  const starter = activity.issues.filter(
    (issue) => issue.state === "OPEN" && issue.labels.some((label) => isStarterLabel(label)),
  );
  return {
    starterIssues: {
      nodes: newestFirst(starter, (issue) => issue.updatedAt)
        .slice(0, STARTER_ISSUES_PER_REPO)
        .map((issue) => ({
          number: issue.number,
          title: issue.title,
          url: issue.url,
          createdAt: issue.createdAt,
          updatedAt: issue.updatedAt,
          labels: { nodes: issue.labels.slice(0, LABELS_PER_ISSUE).map((name) => ({ name })) },
          comments: { totalCount: issue.comments.length },
          assignees: { totalCount: issue.assignees.length },
          // includeClosedPrs: false, GitHub's default: closed and merged pull requests are not listed.
          closedByPullRequestsReferences: {
            nodes: issue.closingPullRequests
              .filter((pullRequest) => pullRequest.state === "OPEN")
              .slice(0, LINKED_PULL_REQUESTS)
              .map((pullRequest) => ({ state: pullRequest.state })),
          },
        })),
    },
    recentIssues: {
      nodes: newestFirst(activity.issues, (issue) => issue.createdAt)
        .slice(0, RESPONSE_SAMPLE_ISSUES)
        .map((issue) => ({
          createdAt: issue.createdAt,
          author: actor(issue.author),
          comments: {
            nodes: issue.comments.slice(0, RESPONSE_SAMPLE_COMMENTS).map((comment) => ({
              createdAt: comment.createdAt,
              author: actor(comment.author),
            })),
          },
        })),
    },
    mergedPullRequests: {
      nodes: newestFirst(activity.pullRequests, (pullRequest) => pullRequest.updatedAt)
        .slice(0, MERGED_PULL_REQUEST_SAMPLE)
        .map((pullRequest) => ({
          mergedAt: pullRequest.mergedAt,
          authorAssociation: pullRequest.authorAssociation,
          author: actor(pullRequest.author),
        })),
    },
    defaultBranchRef:
      activity.commits === null
        ? null
        : { target: { history: { totalCount: countCommitsSince(activity.commits, since) } } },
    contributingGuidelines: activity.contributingGuide === null ? null : { body: activity.contributingGuide },
    codeOfConduct: activity.codeOfConduct === null ? null : { key: activity.codeOfConduct.key },
    latestRelease:
      activity.latestRelease === null ? null : { publishedAt: activity.latestRelease.publishedAt },
  };
}
