/**
 * 1. CONTEXT: what every procedure receives.
 * 2. INITIALIZATION: the one initTRPC, with the error formatter the browser and clients rely on.
 * 3. PROCEDURES: the building blocks the routers use.
 */
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { z, ZodError } from "zod";
import { MAX_BATCH_SIZE } from "@/lib/transport-limits";
import { AppError, type AppErrorCode } from "@/server/errors";
import type { AppDependencies } from "@/server/app-dependencies";
import { apiTokenCreationNeedsSessionMessage, apiTokensNeedAccountsMessage } from "@/server/auth/api-tokens";
import { signInRequiredMessage } from "@/server/auth/resolve-viewer";
import type { Viewer } from "@/server/auth/viewer";

// 1. CONTEXT

export type TrpcContext = {
  deps: AppDependencies;
  /** The rate-limit bucket of the caller: see resolveClientIp. */
  clientIp: string;
  /** Whose profile, runs and marks the call reads and writes; null for nobody signed in. */
  viewer: Viewer | null;
};

// 2. INITIALIZATION

/** The first problem, in the words the schema gives it, e.g. "Select at least one language". */
function firstIssueMessage(error: ZodError): string {
  const issue = error.issues[0];
  return issue?.message ?? "Invalid input";
}

/** z.flattenError's shape, keyed by input field; the browser shows each message beside its field. */
export type FieldErrors = { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> };

/**
 * Keep-alive for subscriptions. A run can be silent for a long time (one analysis batch may take a minute),
 * and proxies close connections that look idle, so the server sends a ping after this much silence. The
 * client, told the inactivity limit when it connects, reconnects (resuming through lastEventId) when even
 * pings stop arriving: the connection is then dead, not merely quiet.
 */
export const sseKeepAlive = { pingIntervalMs: 5_000, reconnectAfterInactivityMs: 20_000 } as const;
/** tRPC's own words when a batch is over maxBatchSize; replaced by one that says what to do. */
const trpcBatchTooLargeMessage = "Batch call exceeds maximum size";
const batchTooLargeMessage = `Too many calls in one request: send at most ${MAX_BATCH_SIZE} at a time.`;

const t = initTRPC.context<TrpcContext>().create({
  sse: {
    ping: { enabled: true, intervalMs: sseKeepAlive.pingIntervalMs },
    client: { reconnectAfterInactivityMs: sseKeepAlive.reconnectAfterInactivityMs },
  },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const zodError: FieldErrors | null = cause instanceof ZodError ? z.flattenError(cause) : null;
    const retryAfterSeconds = cause instanceof AppError ? (cause.retryAfterSeconds ?? null) : null;
    const blockedBy = cause instanceof AppError ? (cause.blockedBy ?? null) : null;
    // Unexpected errors may carry internals (paths, SQL); users get a safe sentence, the log keeps the rest.
    const isUnexpected = error.code === "INTERNAL_SERVER_ERROR" && !(cause instanceof AppError);
    const message = zodError
      ? firstIssueMessage(cause as ZodError)
      : isUnexpected
        ? "Something went wrong on the server"
        : error.code === "BAD_REQUEST" && error.message === trpcBatchTooLargeMessage
          ? batchTooLargeMessage
          : shape.message;
    // Each problem with its whole path ("schedule.expression"): zodError keys only the top-level field.
    const inputIssues =
      cause instanceof ZodError
        ? cause.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }))
        : null;
    return {
      ...shape,
      message,
      data: { ...shape.data, zodError, inputIssues, retryAfterSeconds, blockedBy },
    };
  },
});

const trpcCodeFor: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  CONFIGURATION: "INTERNAL_SERVER_ERROR",
  UPSTREAM: "BAD_GATEWAY",
};

function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: trpcCodeFor[error.code], message: error.message, cause: error });
}

/**
 * Domain code throws AppError; here it becomes the matching TRPCError, keeping the original as cause.
 * Input errors get the first problem as their message, so server-side callers read what a browser reads.
 */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) throw toTrpcError(cause);
  if (cause instanceof ZodError && result.error.code === "BAD_REQUEST") {
    throw new TRPCError({ code: "BAD_REQUEST", message: firstIssueMessage(cause), cause });
  }
  return result;
});

// 3. PROCEDURES

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapAppErrors);

/** Every procedure: it answers for the signed-in user (the local user when nobody signs in), or nobody. */
export const userProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: signInRequiredMessage });
  return next({ ctx: { viewer: ctx.viewer } });
});

/**
 * Personal API tokens are the accounts mode's: in the local mode nobody signs in, so there is nobody to give a
 * token to and nothing it would unlock.
 */
export const accountProcedure = userProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.via === "local")
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: apiTokensNeedAccountsMessage });
  return next();
});

/**
 * Only a browser session: a call made with an API token is refused, so a leaked token cannot mint more
 * tokens that would outlive its revocation.
 */
export const sessionProcedure = accountProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.via !== "session")
    throw new TRPCError({ code: "FORBIDDEN", message: apiTokenCreationNeedsSessionMessage });
  return next();
});
