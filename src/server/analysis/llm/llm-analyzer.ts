import { createOpenAI } from "@ai-sdk/openai";
import { generateText, NoObjectGeneratedError, streamText, type LanguageModelUsage } from "ai";

import type { AnalyzeBatchInput, AnalyzeBatchOutput, Analyzer } from "@/server/analysis/analyzer";
import {
  CallerError,
  classifyLlmFailure,
  isEventStreamAnswer,
  isStreamingRefused,
} from "@/server/analysis/llm/llm-analysis-errors";
import {
  answerOutput,
  createResultMatcher,
  createStreamedAnswerOutput,
  type ResultMatcher,
} from "@/server/analysis/llm/llm-answer-validation";
import {
  ANALYSIS_PROMPT_VERSION,
  buildAnalysisPrompt,
  DEFAULT_README_MAX_CHARS,
  type AnalysisPrompt,
} from "@/server/analysis/llm/prompt";
import type { AnalysisResult } from "@/shared/analysis";

/**
 * The LLM analyzer: one streamed Chat Completions call per analysis batch through the AI SDK, with
 * JSON-schema structured output (an array of verdicts). Each verdict is matched back to the analysis batch
 * by repo and validated the moment its element is complete (llm-answer-validation.ts), so one bad item costs
 * one repo, never the analysis batch, and a verdict reaches the caller without waiting for the rest of it.
 * Servers that refuse to stream get the same request unstreamed.
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

function readTokenUsage(usage: Pick<LanguageModelUsage, "inputTokens" | "outputTokens"> | undefined) {
  return { inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0 };
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

  // Decided per analyzer: once the server has refused to stream, every later analysis batch asks unstreamed.
  let streamingRefused = false;

  type AnalysisBatchCall = {
    prompt: AnalysisPrompt;
    matcher: ResultMatcher;
    signal: AbortSignal | undefined;
    deliver: (result: AnalysisResult) => void;
  };

  const requestSettings = (call: AnalysisBatchCall) => ({
    model: chatModel,
    system: call.prompt.system,
    prompt: call.prompt.user,
    output: answerOutput,
    maxRetries,
    // The analysis batch's deadline arrives through this signal too: runBatches owns the one analysis timeout.
    ...(call.signal ? { abortSignal: call.signal } : {}),
  });

  /**
   * The answer, or "refused" when the server will not stream: it refused the flag, or it answered with one
   * ordinary JSON completion that the SDK's event-stream reader finds nothing in. Throws like the SDK does
   * otherwise.
   */
  async function analyzeStreamed(call: AnalysisBatchCall): Promise<AnalyzeBatchOutput | "refused"> {
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
      throw classifyLlmFailure({ error: streamError.error, answerStarted });
    }
    if (!answerStarted && !(await isEventStreamAnswer(response))) return "refused";
    let usage: AnalyzeBatchOutput["usage"];
    try {
      usage = readTokenUsage(await response.totalUsage);
    } catch (error) {
      signal?.throwIfAborted();
      throw classifyLlmFailure({ error, answerStarted });
    }
    try {
      await response.output;
    } catch (error) {
      signal?.throwIfAborted();
      // The model answered, but not with usable JSON (cut short, or the wrong shape): the verdicts already
      // delivered stay, the rest of the analysis batch is skipped, and the tokens it spent still count.
      if (!NoObjectGeneratedError.isInstance(error)) throw classifyLlmFailure({ error, answerStarted });
    }
    return { ...matcher.settle(), usage };
  }

  /** Today's unstreamed call, for servers that refuse to stream: every verdict arrives at the end. */
  async function analyzeWhole(call: AnalysisBatchCall): Promise<AnalyzeBatchOutput> {
    const { matcher, signal, deliver } = call;
    try {
      const response = await generateText(requestSettings(call));
      for (const element of response.output) {
        const result = matcher.accept(element);
        if (result !== null) deliver(result);
      }
      return { ...matcher.settle(), usage: readTokenUsage(response.totalUsage) };
    } catch (error) {
      if (error instanceof CallerError) throw error;
      signal?.throwIfAborted();
      if (NoObjectGeneratedError.isInstance(error)) {
        // The model answered, but not with usable JSON: every repo of the analysis batch is skipped, and the
        // tokens it spent still count.
        return { ...matcher.settle(), usage: readTokenUsage(error.usage) };
      }
      throw classifyLlmFailure({ error });
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
    const call: AnalysisBatchCall = {
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
