import { AppError } from "@/server/errors";

/**
 * Turns whatever Octokit threw into a typed AppError with a message a user can act on. The original stays
 * as `cause`; Octokit's RequestError already redacts the Authorization header, and no message built here
 * contains request headers or upstream text, so the token never leaks through an error.
 */

/** GitHub said "slow down" and the reset is too far off to wait for. Carries when to try again. */
export class GitHubRateLimitError extends AppError {
  readonly resetAt: Date | null;

  constructor(options: { resetAt: Date | null; retryAfterSeconds: number | undefined; cause: unknown }) {
    const when = options.resetAt ? ` until ${formatClock(options.resetAt)}` : "";
    super("TOO_MANY_REQUESTS", `GitHub's rate limit is spent${when}. Try again later.`, {
      cause: options.cause,
      retryAfterSeconds: options.retryAfterSeconds,
    });
    this.name = "GitHubRateLimitError";
    this.resetAt = options.resetAt;
  }
}

/**
 * One GitHub request got no answer within its deadline. Thrown from the fetch Octokit calls, so Octokit
 * wraps it as a retryable failure (status 500) and plugin-retry tries again with a fresh deadline.
 */
export class GitHubRequestTimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`GitHub did not answer within ${formatDuration(timeoutMs)}`);
    this.name = "GitHubRequestTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** "30 s", "1.5 s", "250 ms", "10 min": deadlines as users read them. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000 || ms % 60_000 !== 0) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${ms / 60_000} min`;
}

export function formatClock(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

export const missingTokenMessage =
  "GitHub token is missing. Set GITHUB_TOKEN, or use the offline demo catalog (SCOUT_GITHUB_SOURCE=catalog).";
export const badCredentialsMessage =
  "GitHub rejected the token (401 Bad credentials). Check GITHUB_TOKEN, or use the offline demo catalog (SCOUT_GITHUB_SOURCE=catalog).";
export const malformedResponseMessage =
  "GitHub returned a response that is not valid GraphQL JSON. Try again later.";

/** Whose token a GitHub source calls with: the operator's GITHUB_TOKEN, or a signed-in person's own. */
export type GitHubTokenHolder = "operator" | "person";

export const signInAgainMessage =
  "GitHub no longer accepts your sign-in: the app's access was revoked or has expired. Sign in with GitHub again, then search.";
const personForbiddenMessage =
  "GitHub refused the request made with your sign-in (403). Sign in with GitHub again; if it persists, check the app's access in your GitHub settings.";

/** GitHub refused the token itself (401) or what it may do (403): the fix is the token holder's. */
function refusedTokenError(status: 401 | 403, holder: GitHubTokenHolder, cause: unknown): AppError {
  if (holder === "person") {
    return new AppError("CONFIGURATION", status === 401 ? signInAgainMessage : personForbiddenMessage, {
      cause,
      blockedBy: "github-sign-in",
    });
  }
  return new AppError(
    "CONFIGURATION",
    status === 401
      ? badCredentialsMessage
      : "GitHub refused the request (403). Check the permissions of GITHUB_TOKEN.",
    { cause },
  );
}

const rateLimitErrorTypes = new Set(["RATE_LIMITED", "RATE_LIMIT"]);

type ErrorShape = {
  status: number | undefined;
  headers: Record<string, string>;
  graphqlErrors: { type: string | undefined; message: string }[];
  message: string;
  hasCause: boolean;
  /** Set when the last attempt missed its deadline (Octokit keeps our error as the cause). */
  timeout: GitHubRequestTimeoutError | undefined;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function readHeaders(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (typeof header === "string" || typeof header === "number")
      headers[name.toLowerCase()] = String(header);
  }
  return headers;
}

function readGraphqlErrors(value: unknown): ErrorShape["graphqlErrors"] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((entry) => ({
    type: typeof entry.type === "string" ? entry.type : undefined,
    message: typeof entry.message === "string" ? entry.message : "unknown error",
  }));
}

/** Reads the parts of Octokit's RequestError, GraphqlResponseError and throttling errors we rely on. */
function readErrorShape(error: unknown): ErrorShape {
  const record = isRecord(error) ? error : {};
  const response = isRecord(record.response) ? record.response : {};
  const responseData = isRecord(response.data) ? response.data : {};
  return {
    status: typeof record.status === "number" ? record.status : undefined,
    headers: { ...readHeaders(response.headers), ...readHeaders(record.headers) },
    graphqlErrors: readGraphqlErrors(record.errors ?? responseData.errors),
    message: error instanceof Error ? error.message : String(error),
    hasCause: error instanceof Error && error.cause !== undefined,
    timeout:
      error instanceof GitHubRequestTimeoutError
        ? error
        : error instanceof Error && error.cause instanceof GitHubRequestTimeoutError
          ? error.cause
          : undefined,
  };
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/** The GraphQL errors of a 200 response where some parts failed (e.g. a README alias for a vanished repo). */
export function readGraphqlErrorTypes(error: unknown): (string | undefined)[] {
  return readErrorShape(error).graphqlErrors.map((entry) => entry.type);
}

export function readPartialGraphqlData(error: unknown): unknown {
  return isRecord(error) ? error.data : undefined;
}

function readRateLimitTiming(headers: Record<string, string>, now: Date) {
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter > 0) {
    return { resetAt: new Date(now.getTime() + retryAfter * 1000), retryAfterSeconds: Math.ceil(retryAfter) };
  }
  const reset = Number(headers["x-ratelimit-reset"]);
  if (Number.isFinite(reset) && reset > 0) {
    const resetAt = new Date(reset * 1000);
    return { resetAt, retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)) };
  }
  return { resetAt: null, retryAfterSeconds: undefined };
}

/** Maps a failure from Octokit to the AppError the caller sees. Abort errors are passed through untouched. */
export function toGitHubAppError(
  error: unknown,
  options: { attempts: number; now: Date; tokenHolder?: GitHubTokenHolder },
): unknown {
  if (isAbortError(error) || error instanceof AppError) return error;
  const shape = readErrorShape(error);

  const rateLimitedGraphql = shape.graphqlErrors.some(
    (entry) => entry.type && rateLimitErrorTypes.has(entry.type),
  );
  const rateLimitedHttp =
    (shape.status === 403 || shape.status === 429) &&
    (shape.headers["x-ratelimit-remaining"] === "0" ||
      shape.headers["retry-after"] !== undefined ||
      /rate limit/i.test(shape.message));
  if (rateLimitedGraphql || rateLimitedHttp) {
    return new GitHubRateLimitError({ ...readRateLimitTiming(shape.headers, options.now), cause: error });
  }

  if (shape.status === 401 || shape.status === 403)
    return refusedTokenError(shape.status, options.tokenHolder ?? "operator", error);

  const tries = options.attempts === 1 ? "1 attempt" : `${options.attempts} attempts`;
  if (shape.timeout) {
    return new AppError(
      "UPSTREAM",
      `GitHub did not answer within ${formatDuration(shape.timeout.timeoutMs)}, ${tries}. Try again in a few minutes.`,
      { cause: error },
    );
  }
  if (shape.status !== undefined && shape.status >= 500) {
    // Octokit reports network failures (refused, reset, DNS) as status 500 with the fetch error as cause.
    const what = shape.hasCause ? "could not be reached" : `answered HTTP ${shape.status}`;
    return new AppError("UPSTREAM", `GitHub ${what} after ${tries}. Try again in a few minutes.`, {
      cause: error,
    });
  }
  // Upstream text stays in `cause` (logged through the redacting logger): a proxy or an Enterprise server
  // may quote the request, token included, and these messages reach users and the event log.
  if (shape.graphqlErrors.length > 0) {
    return new AppError(
      "UPSTREAM",
      "GitHub's GraphQL API reported an error; the details are in the server log.",
      { cause: error },
    );
  }
  const status = shape.status === undefined ? "" : ` (HTTP ${shape.status})`;
  return new AppError("UPSTREAM", `GitHub request failed${status}; the details are in the server log.`, {
    cause: error,
  });
}
