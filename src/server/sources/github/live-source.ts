import type { RepositoryDetails } from "@/server/sources/repository-source";
import { REPOS_PER_DETAILS_QUERY } from "@/server/sources/repository-source";
import { githubWebOriginFor } from "@/lib/github-links";
import { formatCountOf } from "@/lib/words";
import { AppError } from "@/server/errors";
import {
  buildCandidateQuery,
  readRepositoryDetails,
  toRepoNameKey,
  toRepoNameKeys,
  type CandidateQueryParts,
} from "@/server/sources/github/details-query";
import type {
  FetchCandidateDetailsOptions,
  FetchCandidateDetailsOutcome,
  RepositorySource,
  SearchRepositoriesOptions,
  SearchRepositoriesOutcome,
} from "@/server/sources/repository-source";
import {
  GitHubRateLimitError,
  GitHubRequestTimeoutError,
  formatClock,
  malformedResponseMessage,
  missingTokenMessage,
  readGraphqlErrorTypes,
  readPartialGraphqlData,
  toGitHubAppError,
} from "@/server/sources/github/errors";
import {
  RESULT_CAP_WARNING,
  SEARCH_PAGE_SIZE,
  SEARCH_RESULT_CAP,
  pickReadmeText,
  readRepositoryNodes,
  readmeResponseSchema,
  searchRepositoriesQuery,
  searchResponseSchema,
  truncateText,
} from "@/server/sources/github/graphql-queries";
import {
  createGitHubOctokit,
  defaultRetryPolicy,
  defaultThrottlePolicy,
  type GitHubLogger,
  type GitHubRetryPolicy,
  type GitHubThrottlePolicy,
} from "@/server/sources/github/octokit";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import type { Logger } from "@/server/logger";
import type { SearchFilters } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";

// Re-exported for callers that import it from here; it lives beside the queries so the catalog source
// can use it without loading Octokit.
export { RESULT_CAP_WARNING };

/** Stop paginating when fewer GraphQL points than this are left, so other work this hour still has some. */
const DEFAULT_RATE_LIMIT_RESERVE = 50;
/** SCOUT_GITHUB_TIMEOUT_MS's default: a request GitHub has not answered by then is not coming. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export type LiveGitHubSourceOptions = {
  /** GITHUB_TOKEN. Missing or blank gives a configuration error on first use, before any request. */
  token: string | undefined;
  /** GITHUB_API_URL: REST base; GraphQL is at `${apiUrl}/graphql`. */
  apiUrl: string;
  readmeMaxChars: number;
  /** SCOUT_GITHUB_TIMEOUT_MS: the deadline of each HTTP attempt; missing it is a retryable failure. */
  requestTimeoutMs?: number;
  retry?: Partial<GitHubRetryPolicy>;
  throttle?: Partial<GitHubThrottlePolicy>;
  rateLimitReserve?: number;
  fetch?: typeof globalThis.fetch;
  /** The app's (redacting) logger: what Octokit says may quote a request, and so the token. */
  logger: Logger;
  now?: () => Date;
};

/** Octokit's log on the app's logger: its debug and info chatter is dropped, warnings and errors kept. */
function toOctokitLogger(logger: Logger): GitHubLogger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => {
      logger.warn(`[github] ${message}`);
    },
    error: (message) => {
      logger.error(`[github] ${message}`);
    },
  };
}

function describeAbort(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : "aborted";
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}

function toAbortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException("The operation was aborted.", "AbortError");
}

/**
 * Settles with the promise, or rejects as soon as the signal aborts. The request itself is cancelled
 * through the same signal; the race only makes the caller independent of retry and throttle waits.
 */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(toAbortError(signal));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      signal.removeEventListener("abort", onAbort);
    });
  });
}

function rateLimitWarning(error: GitHubRateLimitError, outcome: string): string {
  const until = error.resetAt ? ` until ${formatClock(error.resetAt)}` : "";
  return `GitHub's rate limit is spent${until}; ${outcome}`;
}

function notFetchedOutcome(left: number): string {
  return `the READMEs, starter issues and health of ${formatCountOf(left, "repository", "repositories")} were not fetched.`;
}

/** Names the first few; the count says how many in all. */
function missingDetailsWarning(fullNames: readonly string[]): string {
  const shown = fullNames.slice(0, 5).join(", ");
  const more = fullNames.length > 5 ? ` and ${fullNames.length - 5} more` : "";
  return `Could not load the starter issues and health of ${formatCountOf(fullNames.length, "repository", "repositories")} (${shown}${more}); they are analyzed without them.`;
}

/** The RepositorySource backed by GitHub's GraphQL API through Octokit. */
export function createLiveGitHubSource(options: LiveGitHubSourceOptions): RepositorySource {
  const logger = toOctokitLogger(options.logger);
  const now = options.now ?? (() => new Date());
  const token = options.token?.trim() ?? "";
  const baseFetch = options.fetch ?? globalThis.fetch;
  const rateLimitReserve = options.rateLimitReserve ?? DEFAULT_RATE_LIMIT_RESERVE;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const octokit =
    token === ""
      ? null
      : createGitHubOctokit({
          token,
          apiUrl: options.apiUrl,
          retry: { ...defaultRetryPolicy, ...options.retry },
          throttle: { ...defaultThrottlePolicy, ...options.throttle },
          fetch: baseFetch,
          logger,
        });

  function requireClient() {
    if (!octokit) throw new AppError("CONFIGURATION", missingTokenMessage);
    return octokit;
  }

  /**
   * One GraphQL operation. Every HTTP attempt (retries included) goes through `fetch` here: it adds to
   * `usage.requests` and calls `onRequest` as it is sent, so the count is per call even when searches run
   * side by side, and survives a call that fails. Each attempt has its own deadline; this is also the one
   * place that logs failed attempts, because only here is a cancel told apart from a timeout or a
   * network failure (Octokit reports all three as "500").
   */
  async function runGraphql(input: {
    query: string;
    variables: Record<string, string | string[] | number | null>;
    signal: AbortSignal | undefined;
    usage: { requests: number };
    onRequest: (() => void) | undefined;
    /** Accept a 200 whose only errors are NOT_FOUND, using the data that did resolve. */
    allowNotFound?: boolean;
  }): Promise<unknown> {
    const client = requireClient();
    const { signal, usage } = input;
    signal?.throwIfAborted();
    let attempts = 0;
    const attemptFetch: typeof globalThis.fetch = async (url, init) => {
      const method = init?.method ?? "GET";
      const path = new URL(url instanceof Request ? url.url : url).pathname;
      // Octokit retries everything but an AbortError, so a cancel must reach it under that name.
      const cancelled = () => {
        logger.warn(`${method} ${path} cancelled (${signal ? describeAbort(signal) : "aborted"})`);
        return new DOMException("The GitHub request was cancelled.", "AbortError");
      };
      if (signal?.aborted) throw cancelled();
      attempts += 1;
      usage.requests += 1;
      input.onRequest?.();
      const deadline = AbortSignal.timeout(requestTimeoutMs);
      let response: Response;
      try {
        response = await baseFetch(url, {
          ...init,
          signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        });
      } catch (error) {
        if (signal?.aborted) throw cancelled();
        if (deadline.aborted) {
          logger.error(`${method} ${path} got no answer within ${requestTimeoutMs} ms (attempt ${attempts})`);
          throw new GitHubRequestTimeoutError(requestTimeoutMs);
        }
        logger.error(`${method} ${path} failed (attempt ${attempts}): ${describeFetchError(error)}`);
        throw error;
      }
      if (response.status >= 400)
        logger.error(`${method} ${path} - ${response.status} (attempt ${attempts})`);
      return response;
    };
    try {
      const data = await raceAbort(
        client.graphql<unknown>(input.query, {
          ...input.variables,
          request: { signal, fetch: attemptFetch },
        }),
        signal,
      );
      // Octokit hands back the raw text when a JSON body does not parse, so `data` is then missing.
      if (typeof data !== "object" || data === null) throw new AppError("UPSTREAM", malformedResponseMessage);
      return data;
    } catch (error) {
      if (signal?.aborted) throw toAbortError(signal);
      // The deadline also covers reading the body, which Octokit does not retry.
      if (error instanceof Error && error.name === "TimeoutError")
        throw toGitHubAppError(new GitHubRequestTimeoutError(requestTimeoutMs), {
          attempts: Math.max(attempts, 1),
          now: now(),
        });
      // A repository renamed or deleted since the search answers NOT_FOUND for its alias; the rest is valid.
      const partial = readPartialGraphqlData(error);
      const types = readGraphqlErrorTypes(error);
      if (input.allowNotFound && partial && types.length > 0 && types.every((type) => type === "NOT_FOUND")) {
        return partial;
      }
      throw toGitHubAppError(error, { attempts: Math.max(attempts, 1), now: now() });
    }
  }

  async function searchRepositories(
    filters: SearchFilters,
    searchOptions: SearchRepositoriesOptions,
  ): Promise<SearchRepositoriesOutcome> {
    requireClient();
    const { signal } = searchOptions;
    const limit = Math.min(Math.max(Math.floor(searchOptions.limit), 0), SEARCH_RESULT_CAP);
    const q = buildSearchQuery({ filters, today: now() });
    const usage = { requests: 0 };
    const repos: RepoMetadata[] = [];
    const seen = new Set<number>();
    const warnings: string[] = [];
    let totalCount = 0;
    let cursor: string | null = null;

    while (repos.length < limit) {
      let raw: unknown;
      try {
        raw = await runGraphql({
          query: searchRepositoriesQuery,
          variables: { q, first: Math.min(SEARCH_PAGE_SIZE, limit - repos.length), cursor },
          signal,
          usage,
          onRequest: searchOptions.onRequest,
        });
      } catch (error) {
        // A rate limit mid-search keeps the pages already found; with nothing found there is nothing to show.
        if (error instanceof GitHubRateLimitError && repos.length > 0) {
          warnings.push(
            rateLimitWarning(error, `showing the ${repos.length} repositories found before it ran out.`),
          );
          break;
        }
        throw error;
      }
      const page = searchResponseSchema.safeParse(raw);
      if (!page.success) throw new AppError("UPSTREAM", "GitHub's search answer had an unexpected shape.");
      totalCount = page.data.search.repositoryCount;
      // GitHub can repeat a repository across pages when rankings shift; keep the first sighting.
      for (const repo of readRepositoryNodes(page.data.search.nodes)) {
        if (repos.length >= limit || seen.has(repo.githubId)) continue;
        seen.add(repo.githubId);
        repos.push(repo);
      }
      const { hasNextPage, endCursor } = page.data.search.pageInfo;
      if (!hasNextPage || !endCursor || repos.length >= limit) break;
      cursor = endCursor;
      const rateLimit = page.data.rateLimit;
      if (rateLimit && rateLimit.remaining < rateLimitReserve) {
        const resetAt = new Date(rateLimit.resetAt);
        const until = Number.isNaN(resetAt.getTime()) ? "" : ` until ${formatClock(resetAt)}`;
        warnings.push(
          `GitHub's rate limit is nearly spent (${rateLimit.remaining} left${until}); stopped after ${repos.length} repositories.`,
        );
        break;
      }
    }

    if (totalCount >= SEARCH_RESULT_CAP) warnings.unshift(RESULT_CAP_WARNING);
    return { repos, totalCount, warnings, requests: usage.requests };
  }

  /** One aliased candidate query for a batch; each repository's part of the answer, by "owner/name". */
  async function queryCandidates(
    batch: readonly RepoMetadata[],
    parts: CandidateQueryParts & { skipReadmes?: ReadonlySet<string> },
    context: { signal: AbortSignal | undefined; usage: { requests: number }; onRequest?: () => void },
  ): Promise<Map<string, unknown>> {
    const { query, variables, aliases } = buildCandidateQuery(batch, { ...parts, now: now() });
    const raw = await runGraphql({
      query,
      variables,
      signal: context.signal,
      usage: context.usage,
      onRequest: context.onRequest,
      allowNotFound: true,
    });
    const parsed = readmeResponseSchema.safeParse(raw);
    if (!parsed.success)
      throw new AppError("UPSTREAM", "GitHub's answer about the candidates had an unexpected shape.");
    return new Map(
      batch.map((repo, index) => {
        const alias = aliases[index];
        return [`${repo.owner}/${repo.name}`, alias === undefined ? undefined : parsed.data[alias]];
      }),
    );
  }

  /** A cancel, or credentials GitHub refuses, end the work; any other failure costs only its batch. */
  function endsTheWork(error: unknown, signal: AbortSignal | undefined): boolean {
    return signal?.aborted === true || (error instanceof AppError && error.code === "CONFIGURATION");
  }

  async function fetchCandidateDetails(
    repos: readonly RepoMetadata[],
    fetchOptions: FetchCandidateDetailsOptions,
  ): Promise<FetchCandidateDetailsOutcome> {
    requireClient();
    const { signal } = fetchOptions;
    const context = { signal, usage: { requests: 0 }, onRequest: fetchOptions.onRequest };
    const readmes = new Map<string, string | null>();
    const details = new Map<string, RepositoryDetails>();
    const warnings: string[] = [];
    /** Repositories analyzed without their starter issues and health (their README may be there). */
    const withoutDetails: string[] = [];
    const unique = [...new Map(repos.map((repo) => [`${repo.owner}/${repo.name}`, repo])).values()];
    // READMEs the caller knows already are not asked for; starter issues and health always are.
    const skipReadmes = toRepoNameKeys(fetchOptions.skipReadmes);
    const needsReadme = (repo: RepoMetadata) => !skipReadmes.has(toRepoNameKey(repo));

    // One query per REPOS_PER_DETAILS_QUERY candidates carries their READMEs and details together. When it
    // fails for any reason but a rate limit, a cancel or refused credentials, the READMEs alone are asked
    // for again (a far lighter query): the batch then loses its details, not its READMEs.
    for (let start = 0; start < unique.length; start += REPOS_PER_DETAILS_QUERY) {
      const batch = unique.slice(start, start + REPOS_PER_DETAILS_QUERY);
      const readmeBatch = batch.filter(needsReadme);
      let fetched: { answer: Map<string, unknown>; withDetails: boolean };
      try {
        fetched = {
          answer: await queryCandidates(batch, { readme: true, details: true, skipReadmes }, context),
          withDetails: true,
        };
      } catch (error) {
        if (error instanceof GitHubRateLimitError) {
          warnings.push(rateLimitWarning(error, notFetchedOutcome(unique.length - start)));
          break;
        }
        if (endsTheWork(error, signal)) throw error;
        try {
          fetched = {
            answer:
              readmeBatch.length === 0
                ? new Map<string, unknown>()
                : await queryCandidates(readmeBatch, { readme: true, details: false }, context),
            withDetails: false,
          };
        } catch (retryError) {
          if (retryError instanceof GitHubRateLimitError) {
            warnings.push(rateLimitWarning(retryError, notFetchedOutcome(unique.length - start)));
            break;
          }
          if (endsTheWork(retryError, signal)) throw retryError;
          // The failed attempts are in the log already; the warning names who is affected.
          warnings.push(
            `Could not fetch the READMEs, starter issues and health of ${batch.map((repo) => repo.fullName).join(", ")}; they are analyzed on their metadata alone.`,
          );
          for (const repo of readmeBatch) readmes.set(`${repo.owner}/${repo.name}`, null);
          continue;
        }
      }
      const at = now();
      for (const repo of batch) {
        const key = `${repo.owner}/${repo.name}`;
        const repository = fetched.answer.get(key);
        if (needsReadme(repo)) {
          const text = pickReadmeText(repository);
          readmes.set(key, text === null ? null : truncateText(text, options.readmeMaxChars));
        }
        const found = fetched.withDetails ? readRepositoryDetails(repository, { now: at }) : null;
        if (found) details.set(key, found);
        else withoutDetails.push(repo.fullName);
      }
    }
    if (withoutDetails.length > 0) warnings.push(missingDetailsWarning(withoutDetails));
    return { readmes, details, warnings, requests: context.usage.requests };
  }

  return {
    kind: "live",
    webOrigin: githubWebOriginFor(options.apiUrl),
    searchRepositories,
    fetchCandidateDetails,
  };
}
