import { githubWebOriginFor } from "@/lib/github-links";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { missingTokenMessage, type GitHubTokenHolder } from "@/server/sources/github/errors";
import { fetchGitHubCandidateDetails } from "@/server/sources/github/fetch-candidate-details";
import {
  createGitHubOctokit,
  defaultRetryPolicy,
  defaultThrottlePolicy,
  type GitHubLogger,
  type GitHubRetryPolicy,
  type GitHubThrottlePolicy,
} from "@/server/sources/github/octokit";
import { DEFAULT_RATE_LIMIT_RESERVE } from "@/server/sources/github/rate-limit";
import { lookUpGitHubIssues } from "@/server/sources/github/issue-states-query";
import { createGraphqlRunner } from "@/server/sources/github/run-graphql";
import { searchGitHubRepositories } from "@/server/sources/github/search-repositories";
import type { RepositorySource } from "@/server/sources/repository-source";

/** SCOUT_GITHUB_TIMEOUT_MS's default: a request GitHub has not answered by then is not coming. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export type LiveGitHubSourceOptions = {
  /** GITHUB_TOKEN. Missing or blank gives a configuration error on first use, before any request. */
  token: string | undefined;
  /** Whose token: the operator's GITHUB_TOKEN (the default), or a signed-in person's (sign in again if refused). */
  tokenHolder?: GitHubTokenHolder;
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

/** The RepositorySource backed by GitHub's GraphQL API through Octokit. */
export function createLiveGitHubSource(options: LiveGitHubSourceOptions): RepositorySource {
  const logger = toOctokitLogger(options.logger);
  const now = options.now ?? (() => new Date());
  const token = options.token?.trim() ?? "";
  const baseFetch = options.fetch ?? globalThis.fetch;
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

  const runGraphql = createGraphqlRunner({
    requireClient,
    fetch: baseFetch,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    logger,
    now,
    tokenHolder: options.tokenHolder ?? "operator",
  });
  const rateLimitReserve = options.rateLimitReserve ?? DEFAULT_RATE_LIMIT_RESERVE;

  // A missing token is reported before anything else is looked at, the filters included.
  return {
    kind: "live",
    webOrigin: githubWebOriginFor(options.apiUrl),
    searchRepositories: async (filters, searchOptions) => {
      requireClient();
      return searchGitHubRepositories(filters, searchOptions, { runGraphql, now, rateLimitReserve });
    },
    fetchCandidateDetails: async (repos, fetchOptions) => {
      requireClient();
      return fetchGitHubCandidateDetails(repos, fetchOptions, {
        runGraphql,
        now,
        readmeMaxChars: options.readmeMaxChars,
      });
    },
    lookUpIssues: async (issues, lookUpOptions) => {
      requireClient();
      return lookUpGitHubIssues(issues, lookUpOptions, { runGraphql, now });
    },
  };
}
