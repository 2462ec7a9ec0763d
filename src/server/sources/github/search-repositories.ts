import { AppError } from "@/server/errors";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import { GitHubRateLimitError } from "@/server/sources/github/errors";
import {
  readRepositoryNodes,
  searchRepositoriesQuery,
  searchResponseSchema,
} from "@/server/sources/github/graphql-queries";
import { describeSpentRateLimit, readReserveWarning } from "@/server/sources/github/rate-limit";
import type { GraphqlContext } from "@/server/sources/github/run-graphql";
import {
  RESULT_CAP_WARNING,
  SEARCH_PAGE_REPOSITORIES,
  SEARCH_RESULT_CAP,
  type SearchRepositoriesOptions,
  type SearchRepositoriesOutcome,
} from "@/server/sources/repository-source";
import type { SearchFilters } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";

export type SearchGitHubContext = GraphqlContext & {
  /** GraphQL points to leave unspent; paging stops below it. */
  rateLimitReserve: number;
};

/** Discovery on GitHub: pages through the search until the limit, the last page or the rate-limit reserve. */
export async function searchGitHubRepositories(
  filters: SearchFilters,
  searchOptions: SearchRepositoriesOptions,
  context: SearchGitHubContext,
): Promise<SearchRepositoriesOutcome> {
  const { signal } = searchOptions;
  const limit = Math.min(Math.max(Math.floor(searchOptions.limit), 0), SEARCH_RESULT_CAP);
  const q = buildSearchQuery({
    filters,
    today: context.now(),
    lane: searchOptions.lane,
    pushed: searchOptions.pushed,
  });
  const usage = { requests: 0 };
  const repos: RepoMetadata[] = [];
  const seen = new Set<number>();
  const warnings: string[] = [];
  let totalCount = 0;
  let cursor: string | null = searchOptions.after ?? null;
  let endCursor: string | null = null;

  while (repos.length < limit) {
    let raw: unknown;
    try {
      raw = await context.runGraphql({
        query: searchRepositoriesQuery,
        variables: { q, first: Math.min(SEARCH_PAGE_REPOSITORIES, limit - repos.length), cursor },
        signal,
        usage,
        onRequest: searchOptions.onRequest,
      });
    } catch (error) {
      // A rate limit mid-search keeps the pages already found; with nothing found there is nothing to show.
      if (error instanceof GitHubRateLimitError && repos.length > 0) {
        warnings.push(
          describeSpentRateLimit(error, `showing the ${repos.length} repositories found before it ran out.`),
        );
        break;
      }
      throw error;
    }
    const page = searchResponseSchema.safeParse(raw);
    if (!page.success) throw new AppError("UPSTREAM", "GitHub's search answer had an unexpected shape.");
    totalCount = page.data.search.repositoryCount;
    // GitHub can repeat a repository across pages when rankings shift; keep the first sighting.
    const pageStart = repos.length;
    for (const repo of readRepositoryNodes(page.data.search.nodes)) {
      if (repos.length >= limit || seen.has(repo.githubId)) continue;
      seen.add(repo.githubId);
      repos.push(repo);
    }
    searchOptions.onPage?.(repos.slice(pageStart));
    const { pageInfo } = page.data.search;
    endCursor = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    if (endCursor === null || repos.length >= limit) break;
    cursor = endCursor;
    const reserveWarning = readReserveWarning(page.data.rateLimit, {
      reserve: context.rateLimitReserve,
      found: repos.length,
    });
    if (reserveWarning !== null) {
      warnings.push(reserveWarning);
      break;
    }
  }

  if (totalCount >= SEARCH_RESULT_CAP) warnings.unshift(RESULT_CAP_WARNING);
  return { repos, totalCount, warnings, requests: usage.requests, endCursor };
}
