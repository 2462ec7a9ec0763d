import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AnalyzeBatchOutput } from "@/server/analysis/analyzer";
import { runBatches, type BatchOutcome } from "@/server/pipeline/run-batches";
import { LlmAnalysisError } from "@/server/analysis/llm/llm-analysis-errors";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import type { AnalysisResult } from "@/shared/analysis";
import type { RepoMetadata } from "@/shared/repos";
import {
  DETERMINISTIC_ANSWER_CHARS,
  scoreRepoDeterministically,
  startOpenAIServer,
  type OpenAIServer,
  type RecordedChatRequest,
} from "../fakes/openai-server";
import { makeRepos, readmesFor, TEST_API_KEY, typescriptProfile } from "../support/llm-analysis-fixtures";

/**
 * The LLM analyzer against a streaming test LLM, over HTTP through the real AI SDK: verdicts arrive one by
 * one while the answer is still being written, and every way a stream can end keeps what already arrived.
 */

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: TEST_API_KEY });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

function analyzer() {
  return createLlmAnalyzer({
    baseURL: server.url,
    apiKey: TEST_API_KEY,
    model: "gpt-4o-mini",
    maxRetries: 0,
  });
}

/** What the server had written when a verdict reached the caller. */
type Arrival = { repo: string; elementsSent: number; outcome: RecordedChatRequest["outcome"] };

function analyzeWatching(options: {
  repos: RepoMetadata[];
  signal?: AbortSignal;
  llm?: ReturnType<typeof analyzer>;
  onResult?: (result: AnalysisResult, arrivals: Arrival[]) => void;
}) {
  const { repos, signal, llm = analyzer(), onResult } = options;
  const arrivals: Arrival[] = [];
  const done = llm.analyzeBatch({
    profile: typescriptProfile,
    repos,
    readmes: readmesFor(repos, 300),
    ...(signal ? { signal } : {}),
    onResult: (result) => {
      const request = server.requests.at(-1);
      arrivals.push({
        repo: result.repo,
        elementsSent: request?.elementsSent ?? -1,
        outcome: request?.outcome ?? "pending",
      });
      onResult?.(result, arrivals);
    },
  });
  return { arrivals, done };
}

describe("LLM analyzer streaming", () => {
  it("delivers each verdict while the answer is still being written, one element at a time", async () => {
    // 4 × ~120 tokens at 500 tokens/s: the answer takes about a second to write, a quarter per element.
    server.setStreaming({ timeToFirstTokenMs: 20, tokensPerSecond: 500 });
    const repos = makeRepos(4);
    const { arrivals, done } = analyzeWatching({ repos });
    const output = await done;

    expect(output.results.map((result) => result.repo)).toEqual(repos.map((repo) => repo.fullName));
    expect(arrivals.map((arrival) => arrival.repo)).toEqual(repos.map((repo) => repo.fullName));
    // The first verdicts reached the caller while the server was still writing the rest of the answer.
    expect(arrivals.slice(0, 2).map((arrival) => arrival.outcome)).toEqual(["pending", "pending"]);
    expect(arrivals[0]?.elementsSent).toBeLessThan(repos.length - 1);
    const sent = arrivals.map((arrival) => arrival.elementsSent);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(server.requests[0]).toMatchObject({ streamed: true, outcome: "answered", elementsTotal: 4 });
  });

  it("skips a malformed element mid-stream and keeps the others", async () => {
    server.inject({ kind: "schema-violation", target: "score-out-of-range", index: 1 });
    const repos = makeRepos(3);
    const { arrivals, done } = analyzeWatching({ repos });
    const output = await done;
    expect(arrivals.map((arrival) => arrival.repo)).toEqual(["acme/tool-1", "acme/tool-3"]);
    expect(output.results.map((result) => result.repo)).toEqual(["acme/tool-1", "acme/tool-3"]);
    expect(output.skipped).toEqual(["acme/tool-2"]);
  });

  it("keeps the verdicts a stream wrote before the deadline, and rejects with the deadline's reason", async () => {
    server.inject({ kind: "stall", afterElements: 2 });
    const repos = makeRepos(4);
    const llm = analyzer();
    const outcomes: BatchOutcome<RepoMetadata, AnalyzeBatchOutput, AnalysisResult>[] = [];
    for await (const outcome of runBatches<RepoMetadata, AnalyzeBatchOutput, AnalysisResult>({
      items: repos,
      batchSize: 4,
      concurrency: 1,
      timeoutMs: 500,
      run: (batch, { signal, emit }) =>
        llm.analyzeBatch({
          profile: typescriptProfile,
          repos: batch,
          readmes: readmesFor(batch, 300),
          signal,
          onResult: emit,
        }),
    })) {
      outcomes.push(outcome);
    }
    expect(
      outcomes.map((outcome) => [outcome.status, outcome.status === "partial" ? outcome.value.repo : null]),
    ).toEqual([
      ["partial", "acme/tool-1"],
      ["partial", "acme/tool-2"],
      ["timed-out", null],
    ]);
    const timedOut = outcomes.at(-1);
    expect(timedOut?.status === "timed-out" ? timedOut.error : null).toMatchObject({ name: "TimeoutError" });
    const [closed] = await server.waitForClientCloses(1);
    expect(closed).toMatchObject({ streamed: true, elementsSent: 2, elementsTotal: 4 });
  });

  it("cancelling mid-stream aborts the HTTP request and rejects with the abort reason", async () => {
    server.setStreaming({ tokensPerSecond: 1_000 });
    const controller = new AbortController();
    const repos = makeRepos(8);
    const { arrivals, done } = analyzeWatching({
      repos,
      signal: controller.signal,
      onResult: () => {
        controller.abort(new DOMException("cancelled by the user", "AbortError"));
      },
    });
    await expect(done).rejects.toMatchObject({ name: "AbortError", message: "cancelled by the user" });
    expect(arrivals.map((arrival) => arrival.repo)).toEqual(["acme/tool-1"]);
    const [closed] = await server.waitForClientCloses(1);
    expect(closed?.outcome).toBe("client-closed");
    expect(closed?.elementsSent).toBeLessThan(repos.length);
    expect(server.inFlight).toBe(0);
  });

  it("passes the caller's own onResult failure through untouched and closes the stream", async () => {
    server.setStreaming({ tokensPerSecond: 1_000 });
    const failure = new Error("the caller's storage failed");
    const { done } = analyzeWatching({
      repos: makeRepos(8),
      onResult: () => {
        throw failure;
      },
    });
    await expect(done).rejects.toBe(failure);
    const [closed] = await server.waitForClientCloses(1);
    expect(closed?.elementsSent).toBeLessThan(8);
  });

  it("keeps the verdicts that arrived before the connection broke, and throws a safe upstream error", async () => {
    server.inject({ kind: "cut", afterElements: 2 });
    const { arrivals, done } = analyzeWatching({ repos: makeRepos(4) });
    const error = await done.catch((caught: unknown) => caught);
    expect(arrivals.map((arrival) => arrival.repo)).toEqual(["acme/tool-1", "acme/tool-2"]);
    expect(error).toBeInstanceOf(LlmAnalysisError);
    expect(error).toMatchObject({ code: "UPSTREAM", reason: "upstream" });
    expect(server.requests[0]?.outcome).toBe("cut-by-server");
  });

  it("falls back to one unstreamed call per batch when the server refuses to stream", async () => {
    server.setStreaming({ refuse: true });
    const llm = analyzer();
    const first = analyzeWatching({ repos: makeRepos(2), llm });
    const output = await first.done;
    expect(output.results.map((result) => result.repo)).toEqual(["acme/tool-1", "acme/tool-2"]);
    expect(first.arrivals.map((arrival) => arrival.repo)).toEqual(["acme/tool-1", "acme/tool-2"]);
    expect(output.usage.inputTokens).toBe(server.requests[1]?.promptTokens);
    expect(server.requests.map((request) => [request.body.stream ?? false, request.streamed])).toEqual([
      [true, false],
      [false, false],
    ]);

    // The analyzer remembers: the next batch does not ask to stream again.
    await analyzeWatching({ repos: makeRepos(2, "other/lib"), llm }).done;
    expect(server.requests.map((request) => request.body.stream ?? false)).toEqual([true, false, false]);
  });

  it("falls back to unstreamed calls when the server answers a streamed request with one JSON completion", async () => {
    server.setStreaming({ ignore: true });
    const llm = analyzer();
    const output = await analyzeWatching({ repos: makeRepos(2), llm }).done;
    expect(output.results.map((result) => result.repo)).toEqual(["acme/tool-1", "acme/tool-2"]);
    expect(output.skipped).toEqual([]);

    // The analyzer remembers: the next batch does not ask to stream again.
    await analyzeWatching({ repos: makeRepos(2, "other/lib"), llm }).done;
    expect(server.requests.map((request) => request.body.stream ?? false)).toEqual([true, false, false]);
  });

  it("does not take any other refused request for a refusal to stream", async () => {
    server.inject({ kind: "rate-limit", retryAfterSeconds: 0 });
    const error = await analyzeWatching({ repos: makeRepos(1) }).done.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: "rate-limited", status: 429 });
    expect(server.requests).toHaveLength(1);
  });
});

describe("the streaming test LLM server", () => {
  async function postStreaming(body: Record<string, unknown>) {
    const response = await fetch(`${server.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_API_KEY}` },
      body: JSON.stringify({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: '<repo_data id="a/b">\n</repo_data>' }],
        stream: true,
        ...body,
      }),
    });
    const text = await response.text();
    const data = text
      .split("\n\n")
      .filter((event) => event !== "")
      .map((event) => event.replace(/^data: /, ""));
    return { status: response.status, contentType: response.headers.get("content-type"), data };
  }

  it("streams Chat Completions chunks, a finish chunk, a usage chunk on request, then [DONE]", async () => {
    server.setStreaming({ tokensPerChunk: 1 });
    const { status, contentType, data } = await postStreaming({ stream_options: { include_usage: true } });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/event-stream/);
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map(
      (line) =>
        JSON.parse(line) as {
          object: string;
          choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
          usage: { prompt_tokens: number; completion_tokens: number } | null;
        },
    );
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: "assistant", content: "" });
    const pieces = chunks.slice(1, -2).map((chunk) => chunk.choices[0]?.delta.content ?? "");
    const content = pieces.join("");
    expect(JSON.parse(content)).toEqual({ results: [scoreRepoDeterministically("a/b")] });
    expect(content.length).toBeGreaterThanOrEqual(DETERMINISTIC_ANSWER_CHARS);
    expect(chunks.at(-2)?.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    // The usage agrees with the chunks: one token per chunk of about 4 characters.
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: server.requests[0]?.promptTokens, completion_tokens: pieces.length },
    });
    expect(pieces.length).toBe(Math.ceil(content.length / 4));
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it("sends no usage chunk unless asked, and refuses to stream when told to", async () => {
    const { data } = await postStreaming({});
    expect(data.some((line) => line.includes('"usage"'))).toBe(false);
    server.setStreaming({ refuse: true });
    const refused = await fetch(`${server.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_API_KEY}` },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }], stream: true }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { param: "stream", type: "invalid_request_error" } });
  });
});
