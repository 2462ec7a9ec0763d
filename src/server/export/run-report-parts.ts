import { toGitHubHref, toIssueLink, type IssueLink } from "@/lib/github-links";
import type { RepoMetadata, StarterIssue } from "@/shared/repos";
import type { RunAnalysisResult, ScoutSearchResult } from "@/shared/runs";

/** What every export format says about one ranked result, joined from the run's parts. */
export type ExportRow = {
  rank: number;
  result: RunAnalysisResult;
  repo: RepoMetadata | undefined;
  /** The repository's page when it is on the configured GitHub; null otherwise. */
  repoHref: string | null;
  picks: { issue: StarterIssue; why: string; link: IssueLink }[];
};

/**
 * The run's accepted results in rank order, each with its repository and picked issues. Like the result
 * cards, a pick with no matching starter issue, or a claimed one, is left out, and links are made only to
 * the configured GitHub's web pages.
 */
export function toExportRows(run: ScoutSearchResult, githubWebOrigin: string): ExportRow[] {
  const reposByName = new Map(run.repos.map((repo) => [repo.fullName, repo]));
  return run.results.map((result, index) => {
    const repo = reposByName.get(result.repo);
    const issuesByNumber = new Map((repo?.starterIssues ?? []).map((issue) => [issue.number, issue]));
    return {
      rank: index + 1,
      result,
      repo,
      repoHref: repo ? toGitHubHref(repo.url, githubWebOrigin) : null,
      picks: (result.pickedIssues ?? []).flatMap((pick) => {
        const issue = issuesByNumber.get(pick.number);
        return issue && !issue.claimed
          ? [{ issue, why: pick.why, link: toIssueLink(issue.url, githubWebOrigin) }]
          : [];
      }),
    };
  });
}

/** The filters a run used, as short phrases in the order the search form shows them. */
export function describeFilters(filters: ScoutSearchResult["filters"]): { label: string; value: string }[] {
  if (!filters) return [];
  return [
    { label: "Languages", value: filters.languages.join(", ") },
    { label: "Stars", value: `${filters.minStars} to ${filters.maxStars}` },
    ...(filters.topics.length > 0 ? [{ label: "Topics", value: filters.topics.join(", ") }] : []),
    ...(filters.pushedAfter ? [{ label: "Active since", value: filters.pushedAfter }] : []),
    ...(filters.license ? [{ label: "License", value: filters.license }] : []),
    ...(filters.query ? [{ label: "Search text", value: filters.query }] : []),
    ...(filters.requireStarterIssues ? [{ label: "Starter issues", value: "required" }] : []),
  ];
}
