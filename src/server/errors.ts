import type { SearchBlocker } from "@/shared/runs";

/**
 * Typed errors thrown by domain code. The tRPC layer maps `code` to a TRPCError code and keeps the
 * original error as `cause`. Messages are shown to users, so they never carry a token or key.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "PRECONDITION_FAILED"
  | "CONFIGURATION"
  | "UPSTREAM";

// Next.js gives each route bundle its own copy of this module, while the process shares one set of services
// built by whichever bundle ran first; a registry-wide symbol lets every copy recognise the others' errors.
const appErrorBrand = Symbol.for("github-scout.AppError");

export class AppError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses (GitHubRateLimitError…) keep the ordinary check: an AppError is not one of them.
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && appErrorBrand in value;
  }

  readonly [appErrorBrand] = true;
  readonly code: AppErrorCode;
  readonly retryAfterSeconds: number | undefined;
  /** What the person must do something about before searching again, for errors that have one. */
  readonly blockedBy: SearchBlocker | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { cause?: unknown; retryAfterSeconds?: number; blockedBy?: SearchBlocker } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.blockedBy = options.blockedBy;
  }
}
