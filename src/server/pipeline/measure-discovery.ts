import type { AnalysisProfile } from "@/server/analysis/analyzer";
import { filterCandidates } from "@/server/filtering/filter-candidates";
import { attachCandidateDetails, unclaimedStarterIssues } from "@/server/filtering/starter-issue-requirement";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import type { RepositorySource } from "@/server/sources/repository-source";
import type { SearchFilters } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";
import type { DiscoveryStrategy } from "./discovery-strategies";
import { discoveryLimit } from "./run-pipeline";

/**
 * The discovery measure of issue 23: does discovery find the repositories with work waiting?
 *
 * - Candidate share: of the candidates a run would analyze (discovery, then the pipeline's own metadata
 *   filter stage and SCOUT_MAX_REPOS cap), the share whose fetched details list at least one unclaimed
 *   starter issue (not assigned, no open pull request that will close it).
 * - Missed share: of every repository in the data that matches the search (the very string the sources
 *   send, evaluated by the data's GitHub-semantics matcher, with no 1,000-result cap) and has an unclaimed
 *   starter issue, the share that discovery never returned.
 *
 * "Unclaimed starter issue" is read by the source's own details fetch, the reader the pipeline uses, so
 * the measure and the app agree on it by construction. The README stage of the filter and the user's
 * "not interested" marks are left out: neither depends on discovery.
 */

export type MeasureDiscoveryOptions = {
  strategy: DiscoveryStrategy;
  source: RepositorySource;
  filters: SearchFilters;
  profile: AnalysisProfile;
  /** SCOUT_MAX_REPOS: how many candidates go on to analysis. */
  maxRepos: number;
  /** The date the search's default activity window counts back from, as the source's own clock. */
  today: Date;
  /** Every repository of the data that a GitHub search string matches, uncapped. */
  listMatching: (query: string) => readonly RepoMetadata[];
  /**
   * The GraphQL cost points the data's server has charged so far (cumulative), or null when the source
   * makes no requests (the offline catalog).
   */
  readCostPoints: () => number | null;
  signal?: AbortSignal;
};

/** What one strategy spent on GitHub for one search: discovery's pages, then the candidates' details. */
export type DiscoverySpend = {
  searchRequests: number;
  detailsRequests: number;
  /** null for a source without a server to charge points (the catalog). */
  searchCost: number | null;
  detailsCost: number | null;
};

export type DiscoveryMeasure = {
  strategy: string;
  query: string;
  discovered: number;
  /** What discovery reported as matching (GitHub's repositoryCount). */
  totalCount: number;
  candidates: number;
  /** Candidates whose details list at least one unclaimed starter issue. */
  candidatesWithWork: number;
  /** candidatesWithWork / candidates; null with no candidates. */
  candidateShare: number | null;
  /** Repositories matching the search in the whole data. */
  matching: number;
  /** Matching repositories with at least one unclaimed starter issue. */
  eligible: number;
  /** Eligible repositories that discovery never returned. */
  missed: number;
  /** missed / eligible; null when nothing is eligible. */
  missedShare: number | null;
  /** "owner/name" of the missed repositories, in the matcher's order (for a closer look). */
  missedRepos: string[];
  spend: DiscoverySpend;
  /**
   * What the source warned about: a details fetch that failed leaves a repository counted as having no
   * free starter issue, so a figure read beside a warning is a lower bound.
   */
  warnings: string[];
};

const nameKey = (repo: Pick<RepoMetadata, "fullName">) => repo.fullName.toLowerCase();

/** Each repository's fetched details, looked up by name, as the set of those with unclaimed starter issues. */
async function findReposWithWork(options: {
  source: RepositorySource;
  repos: readonly RepoMetadata[];
  signal?: AbortSignal;
  /** Leave READMEs out when only the issues matter (the whole data's truth, not a run's fetch). */
  withoutReadmes: boolean;
}): Promise<{ withWork: Set<string>; requests: number; warnings: string[] }> {
  const { source, repos, signal } = options;
  const outcome = await source.fetchCandidateDetails(repos, {
    ...(signal ? { signal } : {}),
    ...(options.withoutReadmes ? { skipReadmes: new Set(repos.map((repo) => repo.fullName)) } : {}),
  });
  const withWork = new Set<string>();
  for (const repo of attachCandidateDetails(repos, outcome.details))
    if (unclaimedStarterIssues(repo).length > 0) withWork.add(nameKey(repo));
  return { withWork, requests: outcome.requests, warnings: outcome.warnings };
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function costSince(readCostPoints: () => number | null, before: number | null): number | null {
  const after = readCostPoints();
  return after === null || before === null ? null : after - before;
}

/**
 * One strategy, one profile, one data set. The search and the candidates' details are fetched as a run
 * fetches them and are what `spend` counts; the whole data's truth is read afterwards, outside the count.
 */
export async function measureDiscovery(options: MeasureDiscoveryOptions): Promise<DiscoveryMeasure> {
  const { strategy, source, filters, profile, maxRepos, readCostPoints, signal } = options;
  const query = buildSearchQuery({ filters, today: options.today });

  const searchCostBefore = readCostPoints();
  const discovery = await strategy.discover({
    source,
    filters,
    profile,
    limit: discoveryLimit(maxRepos),
    today: options.today,
    ...(signal ? { signal } : {}),
  });
  const searchCost = costSince(readCostPoints, searchCostBefore);
  // The pipeline's own metadata stage and cap decide what is analyzed (run-pipeline.ts).
  const { candidates } = filterCandidates({
    repos: discovery.repos,
    filters,
    maxRepos,
    order: strategy.order,
  });

  const detailsCostBefore = readCostPoints();
  const analyzed = await findReposWithWork({
    source,
    repos: candidates,
    withoutReadmes: false,
    ...(signal ? { signal } : {}),
  });
  const detailsCost = costSince(readCostPoints, detailsCostBefore);

  const matching = options.listMatching(query);
  const truth = await findReposWithWork({
    source,
    repos: matching,
    withoutReadmes: true,
    ...(signal ? { signal } : {}),
  });
  const discovered = new Set(discovery.repos.map(nameKey));
  const eligible = matching.filter((repo) => truth.withWork.has(nameKey(repo)));
  const missedRepos = eligible.filter((repo) => !discovered.has(nameKey(repo))).map((repo) => repo.fullName);

  return {
    strategy: strategy.name,
    query,
    discovered: discovered.size,
    totalCount: discovery.totalCount,
    candidates: candidates.length,
    candidatesWithWork: analyzed.withWork.size,
    candidateShare: share(analyzed.withWork.size, candidates.length),
    matching: matching.length,
    eligible: eligible.length,
    missed: missedRepos.length,
    missedShare: share(missedRepos.length, eligible.length),
    missedRepos,
    spend: {
      searchRequests: discovery.requests,
      detailsRequests: analyzed.requests,
      searchCost,
      detailsCost,
    },
    warnings: [...discovery.warnings, ...analyzed.warnings, ...truth.warnings],
  };
}
