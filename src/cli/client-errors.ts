import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/client";
import { CliError, exitCodes } from "./cli-error";

/** How a command names the API's input fields on its command line, e.g. `minStars` → `--stars`. */
export type OptionNames = Partial<Record<string, string>>;

/** Prefixes a field's message with the option that sets it, so the user knows which flag to fix. */
export function withOptionName(field: string | undefined, message: string, optionNames: OptionNames): string {
  const option = field === undefined ? undefined : optionNames[field];
  return option ? `${option}: ${message}` : message;
}

/** What lies beneath fetch's bare "fetch failed": a code such as ECONNREFUSED, else the innermost message. */
function networkDetailOf(error: unknown): string | null {
  let detail: string | null = null;
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    if (current.message !== "") detail = current.message;
    current = current.cause;
  }
  return detail;
}

export function unreachableError(baseUrl: string, cause: unknown): CliError {
  const detail = networkDetailOf(cause);
  return new CliError(
    exitCodes.unreachable,
    `Cannot reach the Scout server at ${baseUrl}${detail ? ` (${detail})` : ""}. Is it running? Start it with \`npm start\`, or pass --url.`,
    { cause },
  );
}

/**
 * The server is in the accounts mode and took the call for nobody's: no token, or one that is mistyped,
 * revoked or another server's. The token itself is never repeated.
 */
export function signInNeededError(baseUrl: string, cause?: unknown): CliError {
  const settings = new URL("/settings", baseUrl).toString();
  return new CliError(
    exitCodes.failure,
    `The Scout server at ${baseUrl} needs a personal API token: create one on ${settings} and set SCOUT_API_TOKEN to it. If it is set, the token was revoked or is not this server's.`,
    { cause },
  );
}

/** What a command tells toCliError: the server it asked, its option names, what to say for an unknown id. */
export type ErrorContext = { baseUrl: string; optionNames?: OptionNames; notFound?: string };

/**
 * Turns an API failure into the CLI's exit codes: the server refusing the input is a usage error (2), no
 * answer from a Scout server is "unreachable" (3), anything else the server said is a failure (1).
 */
export function toCliError(error: unknown, context: ErrorContext): CliError {
  if (error instanceof CliError) return error;
  if (!(error instanceof TRPCClientError))
    return new CliError(exitCodes.failure, String(error), { cause: error });
  const clientError = error as TRPCClientError<AppRouter>;
  const data = clientError.data;
  // No tRPC error shape: nothing answered, or something that is not a Scout server did.
  if (!data) return unreachableError(context.baseUrl, error);
  if (data.code === "UNAUTHORIZED") return signInNeededError(context.baseUrl, error);
  if (data.code === "NOT_FOUND" && context.notFound) return new CliError(exitCodes.usage, context.notFound);
  if (data.code === "BAD_REQUEST") {
    const fieldErrors = data.zodError?.fieldErrors ?? {};
    const field = Object.keys(fieldErrors).find((name) => fieldErrors[name]?.includes(clientError.message));
    return new CliError(
      exitCodes.usage,
      withOptionName(field, clientError.message, context.optionNames ?? {}),
      { cause: error },
    );
  }
  // The server's message says what went wrong in words (a rate limit's already says when to retry).
  return new CliError(exitCodes.failure, clientError.message, { cause: error });
}
