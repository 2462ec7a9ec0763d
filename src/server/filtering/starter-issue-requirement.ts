import type { RepositoryDetails } from "@/server/sources/repository-source";
import { STARTER_ISSUES_PER_REPO } from "@/server/sources/details-sampling";
import type { RepoMetadata, StarterIssue } from "@/shared/repos";

/**
 * SearchFilters.requireStarterIssues: only repositories with at least one unclaimed starter issue reach
 * analysis. It is applied twice: before the SCOUT_MAX_REPOS cap on discovery's counts (a repository GitHub
 * counts no starter-labelled issue for has none to offer), and after the details are fetched, on the issues
 * themselves (every one may be claimed).
 */

export const NO_STARTER_ISSUES_REASON = "Has no open issues labelled for newcomers or asking for help.";

/** Discovery counts open issues under every beginner and help-wanted synonym (graphql-queries.ts). */
export function hasStarterLabelledIssues(repo: Pick<RepoMetadata, "goodFirstIssues" | "helpWantedIssues">) {
  return repo.goodFirstIssues > 0 || repo.helpWantedIssues > 0;
}

export function unclaimedStarterIssues(repo: Pick<RepoMetadata, "starterIssues">): StarterIssue[] {
  return (repo.starterIssues ?? []).filter((issue) => !issue.claimed);
}

/** The candidates with their fetched details; a repository whose details did not load keeps none. */
export function attachCandidateDetails(
  repos: readonly RepoMetadata[],
  details: ReadonlyMap<string, RepositoryDetails>,
): RepoMetadata[] {
  return repos.map((repo) => {
    const found = details.get(`${repo.owner}/${repo.name}`);
    return found ? { ...repo, starterIssues: found.starterIssues, health: found.health } : repo;
  });
}

export type StarterIssueRequirementOutcome = {
  /** Candidates with an unclaimed starter issue, and those that could not be checked. */
  kept: RepoMetadata[];
  /** Every starter issue it has is claimed: nothing for a newcomer to take today. */
  allClaimed: RepoMetadata[];
  /**
   * Kept without proof: its details did not load, or all the starter issues seen are claimed but GitHub
   * counts more than the details query lists. Discovery counted starter-labelled issues for each of them.
   */
  unverified: RepoMetadata[];
};

/**
 * The second pass, on candidates that went through attachCandidateDetails. A repository is only left out
 * when its details prove that no unclaimed starter issue exists; a failed lookup proves nothing, and the
 * first pass already dropped those with none at all.
 */
export function applyStarterIssueRequirement(
  candidates: readonly RepoMetadata[],
): StarterIssueRequirementOutcome {
  const outcome: StarterIssueRequirementOutcome = { kept: [], allClaimed: [], unverified: [] };
  for (const repo of candidates) {
    const issues = repo.starterIssues;
    if (issues === undefined) {
      outcome.kept.push(repo);
      outcome.unverified.push(repo);
    } else if (unclaimedStarterIssues(repo).length > 0) {
      outcome.kept.push(repo);
    } else if (
      issues.length >= STARTER_ISSUES_PER_REPO &&
      Math.max(repo.goodFirstIssues, repo.helpWantedIssues) > issues.length
    ) {
      // Only the most recently updated ten were listed; an older one may still be free.
      outcome.kept.push(repo);
      outcome.unverified.push(repo);
    } else {
      outcome.allClaimed.push(repo);
    }
  }
  return outcome;
}
