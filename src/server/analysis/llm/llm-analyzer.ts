import { createOpenAI } from "@ai-sdk/openai";
import {
  APICallError,
  generateText,
  jsonSchema,
  NoObjectGeneratedError,
  Output,
  RetryError,
  streamText,
  type JSONSchema7,
  type LanguageModelUsage,
} from "ai";
import { z } from "zod";

import type { AnalyzeBatchInput, AnalyzeBatchOutput, Analyzer } from "@/server/analysis/analyzer";
import {
  ANALYSIS_PROMPT_VERSION,
  buildAnalysisPrompt,
  DEFAULT_README_MAX_CHARS,
} from "@/server/analysis/llm/prompt";
import { AppError } from "@/server/errors";
import { unclaimedStarterIssues } from "@/server/filtering/starter-issue-requirement";
import {
  MAX_PICKED_ISSUES,
  analysisResultSchema,
  type AnalysisResult,
  type PickedIssue,
} from "@/shared/analysis";
import { type RepoMetadata } from "@/shared/repos";

/**
 * The LLM analyzer: one streamed Chat Completions call per batch through the AI SDK, with JSON-schema
 * structured output (an array of verdicts). Each verdict is matched back to the batch by repo and
 * validated the moment its element is complete, so one bad item costs one repo, never the batch, and a
 * verdict reaches the caller without waiting for the rest of the batch. Servers that refuse to stream get
 * the same request unstreamed.
 */

export type LlmAnalyzerOptions = {
  /** OpenAI-compatible base URL, ending in /v1. */
  baseURL: string;
  apiKey: string;
  model: string;
  readmeMaxChars?: number;
  /** Retries on 429/5xx and network errors (the SDK's backoff, honouring retry-after). Default 2. */
  maxRetries?: number;
  fetch?: typeof globalThis.fetch;
  /** What the prompt counts issue ages from. */
  now?: () => Date;
};

export type LlmFailureReason = "rate-limited" | "unauthorized" | "upstream" | "unreachable";

/** A batch the LLM could not answer. The message is safe to show: no key, no upstream free text. */
export class LlmAnalysisError extends AppError {
  readonly reason: LlmFailureReason;
  readonly status: number | undefined;

  constructor(options: { reason: LlmFailureReason; message: string; status?: number }) {
    // A refused key is the operator's to fix, not a passing upstream failure: retrying other batches is futile.
    super(options.reason === "unauthorized" ? "CONFIGURATION" : "UPSTREAM", options.message);
    this.name = "LlmAnalysisError";
    this.reason = options.reason;
    this.status = options.status;
  }
}

// The schema the model sees. Ranges live in descriptions rather than as minimum/maxItems keywords, because
// many OpenAI-compatible servers reject or ignore those in strict mode; the real bounds are checked per item
// with analysisResultSchema afterwards.
const modelResultSchema = analysisResultSchema.extend({
  repo: z.string().describe('The repository id exactly as in its repo_data id attribute ("owner/name").'),
  fitScore: z.number().describe("0 to 10, following the rubric; 0 when rejected."),
  reason: z.string().describe("One or two sentences naming the strongest signals."),
  contributions: z.array(z.string()).describe("1 to 3 concrete contributions; empty only when rejected."),
  reject: z.boolean(),
  rejectReason: z.string().nullable().describe("Why it is rejected, or null when it is not."),
  // Required here (strict mode refuses optional keys), optional in the stored result.
  pickedIssues: z
    .array(
      z.object({
        number: z.number().describe("An issue number listed in this repository's starter_issues."),
        why: z.string().describe("One line on why it fits this developer."),
      }),
    )
    .describe("0 to 3 of this repository's listed starter issues, best fit first; empty when rejected."),
});

// The model sees the strict element schema, but the SDK accepts any element: it would silently drop an
// element that breaks its schema from the stream and then fail the whole answer at the end. Each element is
// validated here instead, so a broken one costs its repo only.
const answerElementSchema = jsonSchema(
  () => z.toJSONSchema(modelResultSchema, { target: "draft-7" }) as JSONSchema7,
  { validate: (value) => ({ success: true, value }) },
);
const answerOutput = Output.array({
  element: answerElementSchema,
  name: "repository_fit",
  description: "One fit verdict per repository in the batch.",
});

/**
 * The array output for one streamed call, parsing the partial answer only when it can have changed. The SDK
 * re-parses the whole text after every token, which is quadratic: a few hundred milliseconds of CPU for a
 * batch of 8 arriving at once. An element is complete (for the SDK) only once the next one opens or the
 * answer closes, so only a token holding a brace or a closing bracket can change the list of complete
 * elements; skipping the others delays nothing, and the next parse recomputes the whole list anyway.
 */
function createStreamedAnswerOutput(): typeof answerOutput {
  let parsedLength = 0;
  return {
    ...answerOutput,
    parsePartialOutput: (options) => {
      const added = options.text.slice(parsedLength);
      parsedLength = options.text.length;
      return /[{}\]]/.test(added) ? answerOutput.parsePartialOutput(options) : Promise.resolve(undefined);
    },
  };
}

const MAX_CONTRIBUTIONS = 3;

const MAX_WHY_CHARS = 300;
const pickedIssueItemSchema = z.object({ number: z.number(), why: z.string() });
/** The verdict without its picks, which are checked one by one against the issues the model was given. */
const verdictSchema = analysisResultSchema.omit({ pickedIssues: true });

/**
 * The picks that name an issue the model was shown (unclaimed, of this repository), first mention only,
 * at most MAX_PICKED_ISSUES; any other number is dropped, whatever the model says about it.
 */
function readPickedIssues(value: unknown, offered: ReadonlySet<number>): PickedIssue[] {
  if (!Array.isArray(value)) return [];
  const picked: PickedIssue[] = [];
  for (const item of value) {
    const parsed = pickedIssueItemSchema.safeParse(item);
    if (!parsed.success || !offered.has(parsed.data.number)) continue;
    if (picked.some((pick) => pick.number === parsed.data.number)) continue;
    const why = parsed.data.why.replace(/\s+/g, " ").trim().slice(0, MAX_WHY_CHARS);
    picked.push({ number: parsed.data.number, why });
    if (picked.length === MAX_PICKED_ISSUES) break;
  }
  return picked;
}

/** Issue numbers a text names as "#123". */
function namedIssueNumbers(text: string): number[] {
  return Array.from(text.matchAll(/#(\d{1,9})\b/g), (match) => Number(match[1]));
}

/**
 * Validates one item against the contract: the strict schema, then the rules it cannot express. Returns
 * null for an item that cannot be trusted. `repo` holds the batch's repository the item answers for, when
 * known: its unclaimed starter issues are the only ones that may be picked, and a contribution that names
 * one of its claimed issues is dropped.
 */
function validateResultItem(item: unknown, repo: RepoMetadata | undefined): AnalysisResult | null {
  const parsed = verdictSchema.safeParse(item);
  if (!parsed.success) return null;
  const result = parsed.data;
  const offered = new Set(unclaimedStarterIssues(repo ?? {}).map((issue) => issue.number));
  const claimed = new Set(
    (repo?.starterIssues ?? []).filter((issue) => issue.claimed).map((issue) => issue.number),
  );
  const reason = result.reason.trim();
  if (reason === "") return null;
  const contributions = result.contributions
    .map((text) => text.trim())
    .filter((text) => text !== "" && !namedIssueNumbers(text).some((number) => claimed.has(number)));
  if (result.reject) {
    // A rejection outranks whatever score came with it: the contract says rejected means 0.
    return {
      ...result,
      reason,
      fitScore: 0,
      contributions: contributions.slice(0, MAX_CONTRIBUTIONS),
      rejectReason: result.rejectReason?.trim() || reason,
      pickedIssues: [],
    };
  }
  if (contributions.length === 0) return null;
  // The model was told "1 to 3"; a fourth idea is trimmed rather than costing the whole verdict.
  return {
    ...result,
    reason,
    contributions: contributions.slice(0, MAX_CONTRIBUTIONS),
    rejectReason: null,
    // Without the repository's starter issues there was nothing to pick from: absent, as the built-in
    // analyzer leaves it, rather than an empty list that would read as "none fits".
    ...(repo?.starterIssues === undefined
      ? {}
      : { pickedIssues: readPickedIssues((item as { pickedIssues?: unknown }).pickedIssues, offered) }),
  };
}

type BatchEntry = { id: string; fullName: string; repo: RepoMetadata };

/**
 * Matches the model's items back to the batch as they arrive; unknown repos are dropped, the first valid
 * answer for a repo wins, and repos without one are skipped.
 */
function createResultMatcher(entries: readonly BatchEntry[]) {
  const byKey = new Map(entries.map((entry) => [entry.id.toLowerCase(), entry]));
  const found = new Map<string, AnalysisResult>();
  return {
    /** The item's validated result, or null when it is unknown, a repeat or cannot be trusted. */
    accept(item: unknown): AnalysisResult | null {
      const id = verdictSchema.shape.repo.safeParse((item as { repo?: unknown } | null)?.repo);
      const entry = id.success ? byKey.get(id.data.trim().toLowerCase()) : undefined;
      // An unknown repo is never invented into the results; the first valid answer for a repo wins.
      if (entry === undefined || found.has(entry.fullName)) return null;
      const result = validateResultItem(item, entry.repo);
      if (result === null) return null;
      const matched = { ...result, repo: entry.fullName };
      found.set(entry.fullName, matched);
      return matched;
    },
    /** Every result so far in batch order, and the repos still without one. */
    settle(): { results: AnalysisResult[]; skipped: string[] } {
      const results: AnalysisResult[] = [];
      const skipped: string[] = [];
      for (const { fullName } of entries) {
        const result = found.get(fullName);
        if (result) results.push(result);
        else skipped.push(fullName);
      }
      return { results, skipped };
    },
  };
}

function toUsage(usage: Pick<LanguageModelUsage, "inputTokens" | "outputTokens"> | undefined) {
  return { inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0 };
}

const streamRefusalSchema = z.object({ error: z.object({ param: z.literal("stream") }) });

/** A server that cannot stream says so with a 400 on the `stream` parameter (OpenAI's error shape). */
function isStreamingRefused(error: unknown): boolean {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  return (
    APICallError.isInstance(last) &&
    last.statusCode === 400 &&
    streamRefusalSchema.safeParse(last.data).success
  );
}

/** Whether the server answered a streamed call with server-sent events at all (its Content-Type says so). */
async function answeredAsEventStream(response: {
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

/** The caller's own failure (its onResult threw): passed through untouched, never taken for the LLM's. */
class CallerError extends Error {
  constructor(readonly failure: unknown) {
    super("The caller's onResult failed");
  }
}

/** Turns an SDK failure into a safe, typed error; the upstream text may echo a masked key, so it is dropped. */
function toLlmAnalysisError(error: unknown, options: { answerStarted?: boolean } = {}): LlmAnalysisError {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  const attempts = RetryError.isInstance(error) ? error.errors.length : 1;
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

export function createLlmAnalyzer(options: LlmAnalyzerOptions): Analyzer {
  const {
    baseURL,
    apiKey,
    model,
    readmeMaxChars = DEFAULT_README_MAX_CHARS,
    maxRetries = 2,
    fetch,
    now = () => new Date(),
  } = options;
  const provider = createOpenAI({ baseURL, apiKey, ...(fetch ? { fetch } : {}) });
  const chatModel = provider.chat(model);

  // Decided per analyzer: once the server has refused to stream, every later batch asks unstreamed.
  let streamingRefused = false;

  type BatchCall = {
    prompt: ReturnType<typeof buildAnalysisPrompt>;
    matcher: ReturnType<typeof createResultMatcher>;
    signal: AbortSignal | undefined;
    deliver: (result: AnalysisResult) => void;
  };

  const requestSettings = (call: BatchCall) => ({
    model: chatModel,
    system: call.prompt.system,
    prompt: call.prompt.user,
    output: answerOutput,
    maxRetries,
    // The batch's deadline arrives through this signal too: runBatches owns the one analysis timeout.
    ...(call.signal ? { abortSignal: call.signal } : {}),
  });

  /**
   * The answer, or "refused" when the server will not stream: it refused the flag, or it answered with one
   * ordinary JSON completion that the SDK's event-stream reader finds nothing in. Throws like the SDK does
   * otherwise.
   */
  async function analyzeStreamed(call: BatchCall): Promise<AnalyzeBatchOutput | "refused"> {
    const { matcher, signal, deliver } = call;
    let streamError: { error: unknown } | undefined;
    let answerStarted = false;
    // Closes the HTTP stream when this call leaves early (the caller's onResult threw).
    const leaving = new AbortController();
    const response = streamText({
      ...requestSettings(call),
      output: createStreamedAnswerOutput(),
      abortSignal: signal ? AbortSignal.any([signal, leaving.signal]) : leaving.signal,
      onChunk: () => {
        answerStarted = true;
      },
      onError: ({ error }) => {
        streamError ??= { error };
      },
    });
    try {
      for await (const element of response.elementStream) {
        answerStarted = true;
        const result = matcher.accept(element);
        if (result !== null) deliver(result);
      }
    } catch (error) {
      if (error instanceof CallerError) {
        leaving.abort(error);
        throw error;
      }
      streamError ??= { error };
    }
    // A cancel or a deadline ends the stream quietly; the caller sees its own abort reason.
    signal?.throwIfAborted();
    if (streamError !== undefined) {
      if (!answerStarted && isStreamingRefused(streamError.error)) return "refused";
      throw toLlmAnalysisError(streamError.error, { answerStarted });
    }
    if (!answerStarted && !(await answeredAsEventStream(response))) return "refused";
    let usage: AnalyzeBatchOutput["usage"];
    try {
      usage = toUsage(await response.totalUsage);
    } catch (error) {
      signal?.throwIfAborted();
      throw toLlmAnalysisError(error, { answerStarted });
    }
    try {
      await response.output;
    } catch (error) {
      signal?.throwIfAborted();
      // The model answered, but not with usable JSON (cut short, or the wrong shape): the verdicts already
      // delivered stay, the rest of the batch is skipped, and the tokens it spent still count.
      if (!NoObjectGeneratedError.isInstance(error)) throw toLlmAnalysisError(error, { answerStarted });
    }
    return { ...matcher.settle(), usage };
  }

  /** Today's unstreamed call, for servers that refuse to stream: every verdict arrives at the end. */
  async function analyzeWhole(call: BatchCall): Promise<AnalyzeBatchOutput> {
    const { matcher, signal, deliver } = call;
    try {
      const response = await generateText(requestSettings(call));
      for (const element of response.output) {
        const result = matcher.accept(element);
        if (result !== null) deliver(result);
      }
      return { ...matcher.settle(), usage: toUsage(response.totalUsage) };
    } catch (error) {
      if (error instanceof CallerError) throw error;
      signal?.throwIfAborted();
      if (NoObjectGeneratedError.isInstance(error)) {
        // The model answered, but not with usable JSON: every repo of the batch is skipped, and the
        // tokens it spent still count.
        return { ...matcher.settle(), usage: toUsage(error.usage) };
      }
      throw toLlmAnalysisError(error);
    }
  }

  async function analyzeBatch(input: AnalyzeBatchInput): Promise<AnalyzeBatchOutput> {
    const { profile, repos, readmes, signal, onResult } = input;
    signal?.throwIfAborted();
    if (repos.length === 0) return { results: [], skipped: [], usage: { inputTokens: 0, outputTokens: 0 } };

    const prompt = buildAnalysisPrompt({ profile, repos, readmes, readmeMaxChars, now: now() });
    const entries = prompt.entries.map((entry) => ({
      id: entry.id,
      fullName: entry.repo.fullName,
      repo: entry.repo,
    }));
    const call: BatchCall = {
      prompt,
      matcher: createResultMatcher(entries),
      signal,
      deliver: (result) => {
        try {
          onResult?.(result);
        } catch (error) {
          throw new CallerError(error);
        }
      },
    };

    try {
      if (!streamingRefused) {
        const streamed = await analyzeStreamed(call);
        if (streamed !== "refused") return streamed;
        streamingRefused = true;
      }
      return await analyzeWhole(call);
    } catch (error) {
      if (error instanceof CallerError) throw error.failure;
      throw error;
    }
  }

  return { kind: "llm", model, promptVersion: ANALYSIS_PROMPT_VERSION, analyzeBatch };
}
