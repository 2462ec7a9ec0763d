import { DAY_MS } from "@/lib/dates";

/**
 * The shapes of a demo repository's issues, pull requests, commits and community files (write-activity.ts
 * writes them). They follow GitHub's GraphQL objects closely enough for the test GitHub server to serve
 * them and for the catalog source to read them the way the live source reads GitHub.
 */

const WEEK_MS = 7 * DAY_MS;

export const responsivenessLevels = ["responsive", "steady", "slow", "bots-and-author", "silent"] as const;
/** How the maintainers answer issues: the trap levels are the last two, where no human ever replies. */
export type Responsiveness = (typeof responsivenessLevels)[number];

export type CatalogActor = { login: string; bot: boolean };
export type CatalogComment = { author: CatalogActor; createdAt: string };
export type LinkedPullRequestState = "OPEN" | "CLOSED" | "MERGED";
export type CatalogIssue = {
  number: number;
  title: string;
  url: string;
  state: "OPEN" | "CLOSED";
  labels: string[];
  createdAt: string;
  updatedAt: string;
  author: CatalogActor;
  authorAssociation: string;
  /** Logins. */
  assignees: string[];
  /** Oldest first. */
  comments: CatalogComment[];
  /** Pull requests that will close the issue: a closing keyword or a link made in the sidebar. */
  closingPullRequests: { number: number; state: LinkedPullRequestState }[];
};
export type CatalogPullRequest = {
  number: number;
  title: string;
  url: string;
  state: "MERGED";
  createdAt: string;
  updatedAt: string;
  mergedAt: string;
  author: CatalogActor;
  authorAssociation: string;
};
export type CatalogActivity = {
  responsiveness: Responsiveness;
  /** Open starter issues and the most recent other issues, by number. */
  issues: CatalogIssue[];
  /** Merged pull requests of the last half year, by number. */
  pullRequests: CatalogPullRequest[];
  /** Commits on the default branch: a steady rate up to the last push. */
  commits: { perWeek: number; firstAt: string; lastAt: string } | null;
  contributingGuide: string | null;
  codeOfConduct: { key: string; name: string } | null;
  latestRelease: { tagName: string; publishedAt: string } | null;
};

/** Commits on the default branch at or after `since`, as GitHub's history(since:) totalCount. */
export function countCommitsSince(commits: CatalogActivity["commits"], since: Date): number {
  if (!commits) return 0;
  const last = Date.parse(commits.lastAt);
  const from = Math.max(since.getTime(), Date.parse(commits.firstAt));
  if (last < from) return 0;
  return Math.max(1, Math.round((commits.perWeek * (last - from)) / WEEK_MS));
}

export type ActivityOverrides = { responsiveness?: Responsiveness; injectionIssues?: boolean };
