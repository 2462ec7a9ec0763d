import type { SearchFilters } from "@/shared/filters";
import type { SearchLane } from "@/shared/search-query";
import type { RepoContents } from "@/shared/repo-contents";
import type { RepoHealth, RepoMetadata, StarterIssue } from "@/shared/repos";

/**
 * Repositories per details group: one aliased GraphQL query carries a group's READMEs, starter issues and
 * health, and this size keeps one query's cost and response size modest. Not to be confused with an
 * analysis batch (SCOUT_BATCH_SIZE repositories per LLM call).
 */
export const DETAILS_GROUP_SIZE = 20;

/** Repositories per page of a GitHub search (GraphQL `first`, at most 100). */
export const SEARCH_PAGE_REPOSITORIES = 100;

/** GitHub serves at most 1,000 results per search, however many match. */
export const SEARCH_RESULT_CAP = 1000;
/** The warning both sources give when GitHub counts SEARCH_RESULT_CAP matches or more. */
export const RESULT_CAP_WARNING =
  "Results may be incomplete (GitHub caps at 1,000). Try narrowing your filters.";

/**
 * A candidate's open starter issues and health signals, as either source reads them, and the entries at
 * the top of its default branch (null when the repository is empty or GitHub did not say).
 */
export type RepositoryDetails = {
  starterIssues: StarterIssue[];
  health: RepoHealth;
  contents?: RepoContents | null;
};

export type SearchRepositoriesOptions = {
  signal?: AbortSignal;
  /** How many repositories to collect at most (GitHub serves 1,000 at most per search). */
  limit: number;
  /** Called as each HTTP attempt is sent (retries included), so a caller can count a call that fails. */
  onRequest?: () => void;
  /** Called with each page's repositories as it arrives, so work on them can start while more are on the way. */
  onPage?: (repos: readonly RepoMetadata[]) => void;
  /** Which of discovery's searches this is (src/shared/search-query.ts); "best-match" when left out. */
  lane?: SearchLane;
  /** Continue the same search after an earlier outcome's `endCursor` instead of from its first page. */
  after?: string;
  /**
   * Search this range of push dates (inclusive, YYYY-MM-DD) instead of the filters' activity window: how
   * discovery reaches past GitHub's 1,000 results of one search (discover-lanes.ts).
   */
  pushed?: PushedRange;
};

export type PushedRange = { from: string; to: string };

export type SearchRepositoriesOutcome = {
  repos: RepoMetadata[];
  /** GitHub's repositoryCount: how many matched, which may exceed what was returned. */
  totalCount: number;
  warnings: string[];
  /** HTTP requests made (0 for the catalog); it goes into usage.githubRequests. */
  requests: number;
  /** Where a further page would start (pass it as `after`); null or absent when no page is left. */
  endCursor?: string | null;
};

export type FetchCandidateDetailsOptions = {
  signal?: AbortSignal;
  /** Called as each HTTP attempt is sent (retries included), so a caller can count a call that fails. */
  onRequest?: () => void;
  /**
   * "owner/name" of repositories whose README the caller knows already (compared without regard to
   * letter case): their README is not asked for, and `readmes` has no entry for them. Their starter issues
   * and health are still fetched.
   */
  skipReadmes?: ReadonlySet<string>;
};

export type FetchCandidateDetailsOutcome = {
  /** "owner/name" → README text (truncated to SCOUT_README_MAX_CHARS), or null when there is none. */
  readmes: Map<string, string | null>;
  /**
   * "owner/name" → the open starter issues and health signals. A repository missing here could not have
   * its details loaded (a failed query, a rate limit, a repository GitHub no longer resolves); a warning
   * says so, and it is analyzed on what there is.
   */
  details: Map<string, RepositoryDetails>;
  warnings: string[];
  requests: number;
};

/** An issue to look up: its repository ("owner/name") and number. */
export type IssueRef = { repository: string; number: number };

/** Open and free, claimed (assigned, or an open pull request will close it), or closed. */
export type IssueState = "open" | "claimed" | "closed";

export type LookUpIssuesOptions = {
  signal?: AbortSignal;
  onRequest?: () => void;
};

export type LookUpIssuesOutcome = {
  /** issueKey(repository, number) → its state; an issue or repository that no longer resolves is absent. */
  states: Map<string, IssueState>;
  requests: number;
};

/**
 * Where repositories come from: live GitHub (Octokit over HTTP) or the bundled demo catalog. The pipeline
 * only sees this interface, so both behave the same to it.
 */
export interface RepositorySource {
  readonly kind: "live" | "catalog";
  /** Where its repositories' web pages live, e.g. "https://github.com" or a GitHub Enterprise host. */
  readonly webOrigin: string;
  searchRepositories(
    filters: SearchFilters,
    options: SearchRepositoriesOptions,
  ): Promise<SearchRepositoriesOutcome>;
  /** READMEs, starter issues and health of the candidates, fetched together. */
  fetchCandidateDetails(
    repos: readonly RepoMetadata[],
    options: FetchCandidateDetailsOptions,
  ): Promise<FetchCandidateDetailsOutcome>;
  /** Where these issues stand now (a watch's digest: were the issues it picked claimed or closed since?). */
  lookUpIssues(issues: readonly IssueRef[], options: LookUpIssuesOptions): Promise<LookUpIssuesOutcome>;
}
