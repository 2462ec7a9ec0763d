/**
 * Typed errors thrown by domain code. The tRPC layer maps `code` to a TRPCError code and keeps the
 * original error as `cause`. Messages are shown to users, so they never carry a token or key.
 */
export type AppErrorCode =
  "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "TOO_MANY_REQUESTS" | "CONFIGURATION" | "UPSTREAM";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
