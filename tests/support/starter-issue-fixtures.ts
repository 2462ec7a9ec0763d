import { DAY_MS } from "@/lib/dates";
import type { RepoHealth, RepoMetadata, StarterIssue } from "@/shared/repos";

/** Builders for starter issues and health signals, relative to a fixed moment. */

export const ISSUES_NOW = new Date("2025-06-01T00:00:00Z");
export const daysAgo = (days: number) => new Date(ISSUES_NOW.getTime() - days * DAY_MS).toISOString();

export function makeIssue(number: number, overrides: Partial<StarterIssue> = {}): StarterIssue {
  return {
    number,
    title: `Issue ${number}`,
    url: `https://github.com/acme/tool/issues/${number}`,
    labels: ["good first issue"],
    createdAt: daysAgo(40),
    updatedAt: daysAgo(5),
    comments: 1,
    claimed: false,
    ...overrides,
  };
}

export function makeHealth(overrides: Partial<RepoHealth> = {}): RepoHealth {
  return {
    commitsLast90Days: 40,
    medianFirstResponseHours: 5,
    outsideMergedPrsLast90Days: 3,
    hasContributingGuide: true,
    hasCodeOfConduct: false,
    lastReleaseAt: daysAgo(30),
    ...overrides,
  };
}

export function withDetails(
  repo: RepoMetadata,
  starterIssues: StarterIssue[],
  health: RepoHealth = makeHealth(),
): RepoMetadata {
  return { ...repo, starterIssues, health };
}

/**
 * A mixed set: two small beginner issues, two substantial help-wanted ones, one claimed by assignment,
 * one claimed by an open pull request, and one nobody has touched for over a year.
 */
export function mixedStarterIssues(): StarterIssue[] {
  return [
    makeIssue(11, { title: "Fix a typo in the CLI help text", labels: ["good first issue"], comments: 0 }),
    makeIssue(12, {
      title: "Add a test for the config loader",
      labels: ["good first issue", "tests"],
      comments: 1,
    }),
    makeIssue(21, {
      title: "Refactor the task scheduler to support cancellation",
      labels: ["help wanted"],
      comments: 7,
    }),
    makeIssue(22, {
      title: "Design a plugin interface for output formatters",
      labels: ["help wanted", "enhancement"],
      comments: 5,
    }),
    makeIssue(31, { title: "Document the --verbose flag", claimed: true, comments: 0 }),
    makeIssue(32, { title: "Add a --json flag to the CLI", claimed: true, labels: ["help wanted"] }),
    makeIssue(41, { title: "Support Windows paths", updatedAt: daysAgo(500), createdAt: daysAgo(700) }),
  ];
}
