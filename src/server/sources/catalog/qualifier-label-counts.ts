import type { CatalogIssue } from "./catalog-activity";

/**
 * What GitHub's `good-first-issues:` and `help-wanted-issues:` repository-search qualifiers (and the
 * `help-wanted-issues` sort) count, as opposed to what Scout itself calls a starter issue.
 *
 * GitHub documents the qualifiers as counting issues labelled with its two default labels, "good first issue"
 * and "help wanted" (docs/api.md, "GitHub's repository search, as documented", has the sources). Scout's own
 * detection (src/shared/starter-labels.ts) deliberately accepts dozens of synonyms ("beginner", "easy",
 * "up-for-grabs", ...); GitHub's counters do not, so a repository whose maintainers only use a synonym has
 * starter issues that Scout finds but that `good-first-issues:>0` does not.
 *
 * Label names are compared without regard to case, as GitHub treats them (a repository cannot hold both
 * "Good First Issue" and "good first issue"). Only open issues count: the qualifiers exist to find work that
 * is still available, and a closed issue is not.
 */

export const GITHUB_GOOD_FIRST_ISSUE_LABEL = "good first issue";
export const GITHUB_HELP_WANTED_LABEL = "help wanted";

export type QualifierLabelCounts = { goodFirstIssues: number; helpWantedIssues: number };
/** All the counting needs of an issue. */
export type QualifierIssue = Pick<CatalogIssue, "state" | "labels">;

export function countQualifierLabels(issues: readonly QualifierIssue[]): QualifierLabelCounts {
  let goodFirstIssues = 0;
  let helpWantedIssues = 0;
  for (const issue of issues) {
    if (issue.state !== "OPEN") continue;
    const labels = new Set(issue.labels.map((label) => label.trim().toLowerCase()));
    if (labels.has(GITHUB_GOOD_FIRST_ISSUE_LABEL)) goodFirstIssues += 1;
    if (labels.has(GITHUB_HELP_WANTED_LABEL)) helpWantedIssues += 1;
  }
  return { goodFirstIssues, helpWantedIssues };
}
