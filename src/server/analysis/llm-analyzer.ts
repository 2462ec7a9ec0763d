import { createOpenAI } from "@ai-sdk/openai";
import {
  APICallError,
  generateText,
  jsonSchema,
  NoObjectGeneratedError,
  Output,
  RetryError,
  type JSONSchema7,
} from "ai";
import { z } from "zod";

import type { AnalyzeBatchInput, AnalyzeBatchOutput, Analyzer } from "@/server/analysis/analyzer";
import { buildAnalysisPrompt, DEFAULT_README_MAX_CHARS } from "@/server/analysis/prompt";
import { AppError } from "@/server/errors";
import { unclaimedStarterIssues } from "@/server/filtering/starter-issue-requirement";
import {
  MAX_PICKED_ISSUES,
  analysisResultSchema,
  type AnalysisResult,
  type PickedIssue,
  type RepoMetadata,
} from "@/server/schemas";

/**
 * The LLM analyzer: one Chat Completions call per batch through the AI SDK, with JSON-schema structured
 * output. The model's answer is matched back to the batch by repo and validated item by item, so one bad
 * item costs one repo, never the batch.
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
const modelAnswerSchema = z.object({ results: z.array(modelResultSchema) });

// Only the envelope is validated by the SDK: an item that breaks the schema must not sink its batch-mates.
const answerEnvelopeSchema = z.object({ results: z.array(z.unknown()) });
type AnswerEnvelope = z.infer<typeof answerEnvelopeSchema>;

const answerOutputSchema = jsonSchema<AnswerEnvelope>(
  () => z.toJSONSchema(modelAnswerSchema, { target: "draft-7" }) as JSONSchema7,
  {
    validate: (value) => {
      const parsed = answerEnvelopeSchema.safeParse(value);
      return parsed.success ? { success: true, value: parsed.data } : { success: false, error: parsed.error };
    },
  },
);

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

/** Matches the model's items back to the batch; unknown repos are dropped, missing ones are skipped. */
function matchResults(options: {
  items: readonly unknown[];
  entries: { id: string; fullName: string; repo: RepoMetadata }[];
}): {
  results: AnalysisResult[];
  skipped: string[];
} {
  const { items, entries } = options;
  const byKey = new Map(entries.map((entry) => [entry.id.toLowerCase(), entry]));
  const found = new Map<string, AnalysisResult>();
  for (const item of items) {
    const id = verdictSchema.shape.repo.safeParse((item as { repo?: unknown } | null)?.repo);
    const entry = id.success ? byKey.get(id.data.trim().toLowerCase()) : undefined;
    // An unknown repo is never invented into the results; the first valid answer for a repo wins.
    if (entry === undefined || found.has(entry.fullName)) continue;
    const result = validateResultItem(item, entry.repo);
    if (result === null) continue;
    found.set(entry.fullName, { ...result, repo: entry.fullName });
  }
  const results: AnalysisResult[] = [];
  const skipped: string[] = [];
  for (const { fullName } of entries) {
    const result = found.get(fullName);
    if (result) results.push(result);
    else skipped.push(fullName);
  }
  return { results, skipped };
}

function toUsage(usage: { inputTokens: number | undefined; outputTokens: number | undefined } | undefined) {
  return { inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0 };
}

/** Turns an SDK failure into a safe, typed error; the upstream text may echo a masked key, so it is dropped. */
function toLlmAnalysisError(error: unknown): LlmAnalysisError {
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

  async function analyzeBatch(input: AnalyzeBatchInput): Promise<AnalyzeBatchOutput> {
    const { profile, repos, readmes, signal } = input;
    signal?.throwIfAborted();
    if (repos.length === 0) return { results: [], skipped: [], usage: { inputTokens: 0, outputTokens: 0 } };

    const prompt = buildAnalysisPrompt({ profile, repos, readmes, readmeMaxChars, now: now() });
    const entries = prompt.entries.map((entry) => ({
      id: entry.id,
      fullName: entry.repo.fullName,
      repo: entry.repo,
    }));

    try {
      const response = await generateText({
        model: chatModel,
        system: prompt.system,
        prompt: prompt.user,
        output: Output.object({
          schema: answerOutputSchema,
          name: "repository_fit",
          description: "One fit verdict per repository in the batch.",
        }),
        maxRetries,
        // The batch's deadline arrives through this signal too: runBatches owns the one analysis timeout.
        ...(signal ? { abortSignal: signal } : {}),
      });
      return {
        ...matchResults({ items: response.output.results, entries }),
        usage: toUsage(response.totalUsage),
      };
    } catch (error) {
      // A cancel or a deadline is not an upstream failure: let the caller see its own abort reason.
      if (signal?.aborted) throw signal.reason;
      if (NoObjectGeneratedError.isInstance(error)) {
        // The model answered, but not with usable JSON: every repo of the batch is skipped, and the
        // tokens it spent still count.
        return { results: [], skipped: entries.map((entry) => entry.fullName), usage: toUsage(error.usage) };
      }
      throw toLlmAnalysisError(error);
    }
  }

  return { kind: "llm", model, promptVersion: "llm-1", analyzeBatch };
}
