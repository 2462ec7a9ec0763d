import { AppError } from "@/server/errors";
import {
  GitHubRequestTimeoutError,
  malformedResponseMessage,
  readGraphqlErrorTypes,
  readPartialGraphqlData,
  toGitHubAppError,
  type GitHubTokenHolder,
} from "@/server/sources/github/errors";
import type { GitHubLogger, ScoutOctokitClient } from "@/server/sources/github/octokit";

/** HTTP requests made for one call to the source, retries included; it goes into usage.githubRequests. */
export type RequestUsage = { requests: number };

export type GraphqlCall = {
  query: string;
  variables: Record<string, string | string[] | number | null>;
  signal: AbortSignal | undefined;
  usage: RequestUsage;
  onRequest: (() => void) | undefined;
  /** Accept a 200 whose only errors are NOT_FOUND, using the data that did resolve. */
  allowNotFound?: boolean;
};

export type RunGraphql = (call: GraphqlCall) => Promise<unknown>;

/** What the live source's search and details fetching share: the runner and the source's clock. */
export type GraphqlContext = { runGraphql: RunGraphql; now: () => Date };

export type CreateGraphqlRunnerOptions = {
  /** Throws the configuration error when there is no token, before any request. */
  requireClient: () => ScoutOctokitClient;
  fetch: typeof globalThis.fetch;
  /** The deadline of each HTTP attempt. */
  requestTimeoutMs: number;
  logger: GitHubLogger;
  now: () => Date;
  /** Whose token it is decides what a refusal asks for: a fixed GITHUB_TOKEN, or signing in again. */
  tokenHolder: GitHubTokenHolder;
};

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

/**
 * Runs one GraphQL operation. Every HTTP attempt (retries included) goes through `fetch` here: it adds to
 * `usage.requests` and calls `onRequest` as it is sent, so the count is per call even when searches run
 * side by side, and survives a call that fails. Each attempt has its own deadline; this is also the one
 * place that logs failed attempts, because only here is a cancel told apart from a timeout or a
 * network failure (Octokit reports all three as "500").
 */
export function createGraphqlRunner(options: CreateGraphqlRunnerOptions): RunGraphql {
  const { logger, now, requestTimeoutMs } = options;
  const baseFetch = options.fetch;

  return async function runGraphql(input: GraphqlCall): Promise<unknown> {
    const client = options.requireClient();
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
          tokenHolder: options.tokenHolder,
        });
      // A repository renamed or deleted since the search answers NOT_FOUND for its alias; the rest is valid.
      const partial = readPartialGraphqlData(error);
      const types = readGraphqlErrorTypes(error);
      if (input.allowNotFound && partial && types.length > 0 && types.every((type) => type === "NOT_FOUND")) {
        return partial;
      }
      throw toGitHubAppError(error, {
        attempts: Math.max(attempts, 1),
        now: now(),
        tokenHolder: options.tokenHolder,
      });
    }
  };
}
