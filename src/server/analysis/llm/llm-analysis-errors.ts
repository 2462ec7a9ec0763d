import { APICallError, RetryError } from "ai";
import { z } from "zod";

import { AppError } from "@/server/errors";

/**
 * How an LLM analysis batch fails, in the analyzer's own terms: the typed error callers see, the caller's
 * own failure kept apart from the LLM's, and the signs that a server will not stream (so the analyzer asks
 * again unstreamed rather than failing).
 */

export type LlmFailureReason = "rate-limited" | "unauthorized" | "upstream" | "unreachable";

/** An analysis batch the LLM could not answer. The message is safe to show: no key, no upstream free text. */
export class LlmAnalysisError extends AppError {
  readonly reason: LlmFailureReason;
  readonly status: number | undefined;

  constructor(options: { reason: LlmFailureReason; message: string; status?: number }) {
    // A refused key is the operator's to fix, not a passing upstream failure: retrying other analysis
    // batches is futile.
    super(options.reason === "unauthorized" ? "CONFIGURATION" : "UPSTREAM", options.message);
    this.name = "LlmAnalysisError";
    this.reason = options.reason;
    this.status = options.status;
  }
}

/** The caller's own failure (its onResult threw): passed through untouched, never taken for the LLM's. */
export class CallerError extends Error {
  constructor(readonly failure: unknown) {
    super("The caller's onResult failed");
  }
}

/** The failure the SDK's retries ended on, and how many attempts it took to get there. */
function unwrapRetries(error: unknown): { last: unknown; attempts: number } {
  return RetryError.isInstance(error)
    ? { last: error.lastError, attempts: error.errors.length }
    : { last: error, attempts: 1 };
}

const streamRefusalSchema = z.object({ error: z.object({ param: z.literal("stream") }) });

/** A server that cannot stream says so with a 400 on the `stream` parameter (OpenAI's error shape). */
export function isStreamingRefused(error: unknown): boolean {
  const { last } = unwrapRetries(error);
  return (
    APICallError.isInstance(last) &&
    last.statusCode === 400 &&
    streamRefusalSchema.safeParse(last.data).success
  );
}

/**
 * Whether the server answered a streamed call with server-sent events at all (its Content-Type says so).
 * A server that ignores the flag sends one ordinary JSON completion, in which the SDK's event-stream reader
 * finds nothing.
 */
export async function isEventStreamAnswer(response: {
  response: PromiseLike<{ headers?: Record<string, string> }>;
}): Promise<boolean> {
  try {
    const { headers } = await response.response;
    return headers?.["content-type"]?.includes("text/event-stream") ?? false;
  } catch {
    // No metadata to go by: the SDK's own handling of the answer decides.
    return true;
  }
}

/** Turns an SDK failure into a safe, typed error; the upstream text may echo a masked key, so it is dropped. */
export function classifyLlmFailure(options: { error: unknown; answerStarted?: boolean }): LlmAnalysisError {
  const { last, attempts } = unwrapRetries(options.error);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
  if (APICallError.isInstance(last) && last.statusCode !== undefined) {
    const status = last.statusCode;
    if (status === 429) {
      return new LlmAnalysisError({
        reason: "rate-limited",
        status,
        message: `The LLM server is rate limiting requests (HTTP 429)${tries}.`,
      });
    }
    if (status === 401 || status === 403) {
      return new LlmAnalysisError({
        reason: "unauthorized",
        status,
        message: `The LLM server rejected the API key (${status}). Check OPENAI_API_KEY.`,
      });
    }
    return new LlmAnalysisError({
      reason: "upstream",
      status,
      message: `The LLM server answered HTTP ${status}${tries}.`,
    });
  }
  if (options.answerStarted === true) {
    return new LlmAnalysisError({ reason: "upstream", message: "The LLM server's answer broke off." });
  }
  return new LlmAnalysisError({
    reason: "unreachable",
    message: `The LLM server could not be reached${tries}.`,
  });
}
