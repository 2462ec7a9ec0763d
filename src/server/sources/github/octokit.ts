import { retry, type RetryOptions } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
// Bottleneck is what plugin-throttling schedules with (its own dependency). We build our groups from it so
// each client has its own limiters: the plugin's defaults are module-level singletons shared by every
// Octokit in the process, and they space GraphQL calls a fixed second apart, which tests must turn down.
import Bottleneck from "bottleneck";

/** Octokit with automatic retries (5xx, network) and rate-limit awareness (403/429, GraphQL RATE_LIMITED). */
export const ScoutOctokit = Octokit.plugin(retry, throttling);
export type ScoutOctokitClient = InstanceType<typeof ScoutOctokit>;

export type GitHubLogger = {
  debug: (message: string) => void;
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string) => void;
};

export type GitHubRetryPolicy = {
  /** Extra attempts after a 5xx or network failure. */
  retries: number;
  /** Backoff unit: attempt n waits n² × this many ms (plugin-retry's schedule). */
  backoffBaseMs: number;
};

export type GitHubThrottlePolicy = {
  /** A rate limit that resets within this many seconds is waited out; a longer one ends the work with a warning. */
  maxWaitSeconds: number;
  /** How many times one request may wait for a rate limit before giving up. */
  maxRateLimitWaits: number;
  /** How long "one second" of retry-after/reset is, in ms. 1000 in production; tests shrink it. */
  msPerSecond: number;
  /** Minimum spacing of GraphQL requests (GitHub's secondary limits punish bursts). */
  graphqlMinIntervalMs: number;
};

export const defaultRetryPolicy: GitHubRetryPolicy = { retries: 3, backoffBaseMs: 1000 };
export const defaultThrottlePolicy: GitHubThrottlePolicy = {
  maxWaitSeconds: 60,
  maxRateLimitWaits: 2,
  msPerSecond: 1000,
  graphqlMinIntervalMs: 1000,
};

export type CreateGitHubOctokitOptions = {
  token: string;
  apiUrl: string;
  retry: GitHubRetryPolicy;
  throttle: GitHubThrottlePolicy;
  fetch?: typeof globalThis.fetch;
  logger: GitHubLogger;
};

// What @octokit/rest's request-log plugin writes for a failed request. It says "500" for a cancel, a timeout
// and a dropped connection alike, so the live source logs failed attempts itself and these lines are dropped.
const requestLogFailureLine = /^[A-Z]+ \S+ - \d+ with id \S+ in \d+ms$/;

/** Builds the Octokit client the live source uses. Nothing here ever logs the token. */
export function createGitHubOctokit(options: CreateGitHubOctokitOptions): ScoutOctokitClient {
  const { retry: retryPolicy, throttle: throttlePolicy, logger } = options;

  const shouldWait = (kind: string, retryAfterSeconds: number, retryCount: number): boolean => {
    const wait =
      retryAfterSeconds <= throttlePolicy.maxWaitSeconds && retryCount < throttlePolicy.maxRateLimitWaits;
    logger.warn(
      wait
        ? `GitHub ${kind} hit; waiting ${retryAfterSeconds}s before retrying`
        : `GitHub ${kind} hit; resets in ${retryAfterSeconds}s, not waiting`,
    );
    return wait;
  };

  const throttle: ThrottlingOptions = {
    id: "github-scout",
    retryAfterBaseValue: throttlePolicy.msPerSecond,
    fallbackSecondaryRateRetryAfter: 60,
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: throttlePolicy.graphqlMinIntervalMs }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 2000 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3000 }),
    onRateLimit: (retryAfter, _request, _octokit, retryCount) =>
      shouldWait("rate limit", retryAfter, retryCount),
    onSecondaryRateLimit: (retryAfter, _request, _octokit, retryCount) =>
      shouldWait("secondary rate limit", retryAfter, retryCount),
  };

  const retryOptions: RetryOptions = {
    retries: retryPolicy.retries,
    retryAfterBaseValue: retryPolicy.backoffBaseMs,
    // 429 is a rate limit: the throttling plugin decides whether to wait, so plugin-retry must not hammer it.
    doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
  };

  return new ScoutOctokit({
    auth: options.token,
    baseUrl: options.apiUrl,
    userAgent: "github-scout",
    // @octokit/request logs (deprecation notices quoting GitHub's Link header) to `request.log`, falling
    // back to the console, not to `log`: it needs the logger too.
    request: { log: logger, ...(options.fetch ? { fetch: options.fetch } : {}) },
    log: {
      ...logger,
      error: (message: string) => {
        if (!requestLogFailureLine.test(message)) logger.error(message);
      },
    },
    throttle,
    retry: retryOptions,
  });
}
