import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

/**
 * A test LLM server on 127.0.0.1 that speaks OpenAI's `POST /v1/chat/completions` the way the real API
 * does: the same success body (`chat.completion`, `choices[0].message.content`, `usage`), the same
 * server-sent events for `stream: true` (`chat.completion.chunk` deltas, a finish chunk, a usage chunk when
 * `stream_options.include_usage` asks for one, then `[DONE]`), the same error bodies
 * (`{ error: { message, type, param, code } }`) and status codes, and the strict-schema checks the real API
 * applies to `response_format: { type: "json_schema" }`. Each test scripts the answer as a function of the
 * request (checked against the JSON schema the request sent, as strict mode guarantees), and can inject
 * faults. Output can be paced (time to first token, tokens per second) for benchmarks and streaming tests.
 * It records every request and counts those in flight.
 */

const messageSchema = z.object({
  role: z.string(),
  content: z.union([
    z.string(),
    z.array(z.object({ type: z.string(), text: z.string().optional() }).loose()),
    z.null(),
  ]),
});

const chatRequestSchema = z
  .object({
    model: z.string(),
    messages: z.array(messageSchema).min(1),
    response_format: z.unknown().optional(),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).loose().nullish(),
  })
  .loose();

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

export type RecordedChatRequest = {
  /** 0-based arrival order. */
  index: number;
  body: ChatRequestBody;
  headers: IncomingHttpHeaders;
  /** The system (or developer) messages, joined. */
  system: string;
  /** The user messages, joined. */
  user: string;
  /** The repo ids of the `<repo_data id="…">` blocks that open a line of the user message, in order. */
  repoIds: string[];
  /** Repo id → the starter issue numbers its block offers for picking (its `starter_issues:` line). */
  offeredIssues: Record<string, number[]>;
  promptChars: number;
  /** What the server reports as `usage.prompt_tokens`: about 4 characters per token, like English text. */
  promptTokens: number;
  /**
   * "client-closed" when the client hung up before the whole answer was written (a timeout or an abort,
   * also mid-stream); "cut-by-server" when a `cut` fault dropped the connection.
   */
  outcome: "pending" | "answered" | "client-closed" | "cut-by-server";
  /** The request asked for `stream: true` and was answered with server-sent events. */
  streamed: boolean;
  /** How many array elements of the answer had been written completely so far (streamed answers). */
  elementsSent: number;
  /** How many array elements the whole answer holds (0 until the answer is known). */
  elementsTotal: number;
};

export type ChatReply =
  /**
   * Serialized as the message content inside the envelope the request's JSON schema asks for: the one
   * array property of its top-level object (`{ "elements": results }` for the AI SDK's array output),
   * `{ "results": results }` when the request sent no such schema.
   */
  | { kind: "results"; results: unknown[] }
  /** Raw message content, for answers that are not valid JSON. */
  | { kind: "content"; content: string; finishReason?: "stop" | "length" }
  | {
      kind: "error";
      status: number;
      message: string;
      type: string;
      code: string | null;
      param?: string | null;
      headers?: Record<string, string>;
    };

export type ChatHandler = (request: RecordedChatRequest) => ChatReply | Promise<ChatReply>;

export type OpenAIFault =
  /** Answers normally, but only after `ms`; never, if the client hangs up first. */
  | { kind: "delay"; ms: number }
  | { kind: "rate-limit"; retryAfterSeconds: number }
  | { kind: "server-error" }
  | { kind: "invalid-json" }
  /** "envelope": the top-level shape is wrong; the others break one item only (`index`, default the first). */
  | { kind: "schema-violation"; target: "envelope" | "score-out-of-range" | "missing-field"; index?: number }
  /**
   * Writes `afterElements` complete elements (and the start of the next, so that a streaming parser knows
   * they are complete), then sends nothing more until the client hangs up. A non-streamed request is
   * never answered.
   */
  | { kind: "stall"; afterElements: number }
  /** Like `stall`, but then drops the connection (recorded as "cut-by-server"). */
  | { kind: "cut"; afterElements: number }
  /** Leaves one repo out of the answer (the last one asked about, unless named). */
  | { kind: "omit-repo"; repo?: string }
  /** Adds an answer for a repo that was not asked about. */
  | { kind: "extra-repo"; repo: string };

export type InjectOptions = {
  /** How many matching requests the fault applies to (default 1). */
  times?: number;
  /** Only requests for which this is true get the fault (default: all). */
  when?: (request: RecordedChatRequest) => boolean;
};

export type StreamingOptions = {
  /** Time from the request to the first content token. Default 0. */
  timeToFirstTokenMs?: number;
  /** Output pace, one token being about 4 characters. Default: as fast as the socket takes it. */
  tokensPerSecond?: number;
  /**
   * At most this many tokens per chunk. Default 1 when paced, as OpenAI sends them; 16 when unpaced, the
   * same text in fewer events, so that tests that do not care about pace spend little CPU parsing it.
   */
  tokensPerChunk?: number;
  /**
   * Answer `stream: true` with HTTP 400 (`error.param: "stream"`), as OpenAI-compatible servers that
   * cannot stream do.
   */
  refuse?: boolean;
  /**
   * Answer `stream: true` with one ordinary JSON completion, as some OpenAI-compatible servers do that
   * take the flag without supporting it.
   */
  ignore?: boolean;
};

export type OpenAIServerOptions = {
  /** When set, requests must carry `Authorization: Bearer <apiKey>` or get OpenAI's 401. */
  apiKey?: string;
  handler?: ChatHandler;
  /**
   * Streaming behaviour. The pace applies to non-streamed answers too: they arrive whole, as late as the
   * streamed answer would have ended.
   */
  streaming?: StreamingOptions;
  /** A fixed port, for servers other processes must find (the e2e app); default: a free one the OS picks. */
  port?: number;
};

export type OpenAIServer = {
  /** Base URL ending in /v1, as OPENAI_BASE_URL expects. */
  url: string;
  requests: RecordedChatRequest[];
  readonly inFlight: number;
  readonly inFlightPeak: number;
  setHandler(handler: ChatHandler): void;
  /** Replaces the streaming options until the next reset (which restores the ones the server started with). */
  setStreaming(streaming: StreamingOptions): void;
  inject(fault: OpenAIFault, options?: InjectOptions): void;
  /** Resolves once `count` requests have arrived in total. */
  waitForRequests(count: number): Promise<RecordedChatRequest[]>;
  /** Resolves once `count` requests in total were closed by the client before being answered. */
  waitForClientCloses(count: number): Promise<RecordedChatRequest[]>;
  /** Back to the default handler and streaming options, no faults, no recorded requests, peak reset. */
  reset(): void;
  close(): Promise<void>;
};

const repoBlockPattern = /^<repo_data id="([^"]*)">$/gm;

/** The repo ids a prompt asks about, read from its data blocks. */
export function parseRepoIds(user: string): string[] {
  return Array.from(user.matchAll(repoBlockPattern), (match) => match[1] ?? "");
}

const offeredIssueSchema = z.array(z.object({ number: z.number() }).loose());

/** Per repo block, the issue numbers of its `starter_issues: [...]` line (JSON); none when it has no list. */
export function parseOfferedIssues(user: string): Record<string, number[]> {
  const offered: Record<string, number[]> = {};
  const blocks = user.split(/^<repo_data id="/m).slice(1);
  for (const block of blocks) {
    const id = block.slice(0, block.indexOf('"'));
    const line = /^starter_issues: (\[.*\])$/m.exec(block)?.[1];
    let issues: z.infer<typeof offeredIssueSchema> = [];
    try {
      issues = line === undefined ? [] : offeredIssueSchema.parse(JSON.parse(line));
    } catch {
      issues = [];
    }
    offered[id] = issues.map((issue) => issue.number);
  }
  return offered;
}

function hashText(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
  return hash;
}

/** About 120 output tokens per repository, the size of a real model's verdict. */
export const DETERMINISTIC_ANSWER_CHARS = 480;
const REASON_FILLER =
  " The README explains the setup, the tests run with one command, recent commits and reviews show an active project, and the open issues are scoped for newcomers; the stack matches the profile's languages and goals closely.";

/** Pads a reason so that the whole answer item is about DETERMINISTIC_ANSWER_CHARS long. */
function padReason(item: { reason: string }): string {
  const missing = DETERMINISTIC_ANSWER_CHARS - JSON.stringify(item).length;
  if (missing <= 0) return item.reason;
  return `${item.reason}${REASON_FILLER.repeat(Math.ceil(missing / REASON_FILLER.length)).slice(0, missing)}`.trimEnd();
}

/**
 * A deterministic, schema-valid result for one repo id, about DETERMINISTIC_ANSWER_CHARS long as JSON:
 * tutorials and awesome-lists are rejected; the others pick the first two issues their block offers, and
 * name the first in a contribution.
 */
export function scoreRepoDeterministically(repo: string, offered: readonly number[] = []) {
  const answer = scoreRepoBriefly(repo, offered);
  return { ...answer, reason: padReason(answer) };
}

function scoreRepoBriefly(repo: string, offered: readonly number[]) {
  if (/awesome|tutorial/i.test(repo)) {
    return {
      repo,
      fitScore: 0,
      reason: `${repo} is a link collection or tutorial.`,
      contributions: [],
      reject: true,
      rejectReason: "Not a project to contribute code to.",
      pickedIssues: [],
    };
  }
  const picked = offered.slice(0, 2);
  return {
    repo,
    fitScore: 1 + (hashText(repo) % 10),
    reason: `Deterministic test score for ${repo}.`,
    contributions: [
      picked[0] === undefined ? `Pick up an open issue in ${repo}` : `Fix #${picked[0]} in ${repo}`,
    ],
    reject: false,
    rejectReason: null,
    pickedIssues: picked.map((number) => ({ number, why: `Deterministic test pick #${number}.` })),
  };
}

/** The default handler: one deterministic result per repo the prompt asks about. */
export const scoreEveryAskedRepo: ChatHandler = (request) => ({
  kind: "results",
  results: request.repoIds.map((id) => scoreRepoDeterministically(id, request.offeredIssues[id])),
});

function textOf(content: z.infer<typeof messageSchema>["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text ?? "").join("");
}

function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function openAIError(options: {
  status: number;
  message: string;
  type: string;
  code: string | null;
  param?: string | null;
  headers?: Record<string, string>;
}): ChatReply {
  const { status, message, type, code, param = null, headers } = options;
  return { kind: "error", status, message, type, code, param, ...(headers ? { headers } : {}) };
}

/**
 * OpenAI's strict mode refuses a schema whose objects allow extra keys or leave a key optional. Checking
 * the same here proves the analyzer's schema would be accepted by the real API.
 */
function findStrictSchemaProblem(schema: unknown, path: string): string | null {
  if (typeof schema !== "object" || schema === null) return null;
  const node = schema as Record<string, unknown>;
  if (node.type === "object" || node.properties !== undefined) {
    const keys = Object.keys((node.properties as Record<string, unknown> | undefined) ?? {});
    if (node.additionalProperties !== false) {
      return `In context=(${path}), 'additionalProperties' is required to be supplied and to be false.`;
    }
    const required = Array.isArray(node.required) ? node.required : [];
    const missing = keys.find((key) => !required.includes(key));
    if (missing !== undefined) {
      return `In context=(${path}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && typeof value === "object" && value !== null) {
      for (const [name, property] of Object.entries(value)) {
        const problem = findStrictSchemaProblem(
          property,
          path === "" ? `'properties', '${name}'` : `${path}, 'properties', '${name}'`,
        );
        if (problem) return problem;
      }
    } else if (typeof value === "object" && value !== null) {
      const problem = findStrictSchemaProblem(value, path === "" ? `'${key}'` : `${path}, '${key}'`);
      if (problem) return problem;
    }
  }
  return null;
}

const responseFormatSchema = z
  .object({
    type: z.string(),
    json_schema: z
      .object({ name: z.string(), schema: z.unknown(), strict: z.boolean().nullish() })
      .loose()
      .optional(),
  })
  .loose();

function checkResponseFormat(responseFormat: unknown): ChatReply | null {
  if (responseFormat === undefined) return null;
  const parsed = responseFormatSchema.safeParse(responseFormat);
  if (!parsed.success || !["text", "json_object", "json_schema"].includes(parsed.data.type)) {
    return openAIError({
      status: 400,
      message: "Invalid value for 'response_format.type'.",
      type: "invalid_request_error",
      code: "invalid_value",
      param: "response_format.type",
    });
  }
  if (parsed.data.type !== "json_schema") return null;
  const jsonSchema = parsed.data.json_schema;
  if (jsonSchema === undefined) {
    return openAIError({
      status: 400,
      message: "Missing required parameter: 'response_format.json_schema'.",
      type: "invalid_request_error",
      code: "missing_required_parameter",
      param: "response_format.json_schema",
    });
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(jsonSchema.name)) {
    return openAIError({
      status: 400,
      message: "Invalid 'response_format.json_schema.name': string does not match pattern.",
      type: "invalid_request_error",
      code: "invalid_value",
      param: "response_format.json_schema.name",
    });
  }
  if (jsonSchema.strict === true) {
    const problem = findStrictSchemaProblem(jsonSchema.schema, "");
    if (problem) {
      return openAIError({
        status: 400,
        message: `Invalid schema for response_format '${jsonSchema.name}': ${problem}`,
        type: "invalid_request_error",
        code: null,
        param: "response_format",
      });
    }
  }
  return null;
}

const envelopeSchema = z.object({
  properties: z.record(z.string(), z.object({ type: z.unknown() }).loose()),
});

/**
 * The key a list answer goes under: the one array property of the schema's top-level object
 * (`elements` for the AI SDK's array output), or `results` when the request sent no such schema.
 */
function envelopeKeyOf(responseFormat: unknown): string {
  const parsed = responseFormatSchema.safeParse(responseFormat);
  const envelope = envelopeSchema.safeParse(parsed.success ? parsed.data.json_schema?.schema : undefined);
  if (!envelope.success) return "results";
  const arrays = Object.entries(envelope.data.properties).filter(([, property]) => property.type === "array");
  return arrays.length === 1 && arrays[0] ? arrays[0][0] : "results";
}

/**
 * In strict mode the real API only ever answers with JSON that matches the schema sent. A scripted answer
 * that does not is a broken test, not a model mistake (the schema-violation fault simulates those), so it
 * fails loudly here instead of reaching the client.
 */
function checkScriptedAnswer(reply: ChatReply, responseFormat: unknown): void {
  if (reply.kind !== "results") return;
  const parsed = responseFormatSchema.safeParse(responseFormat);
  const jsonSchema = parsed.success ? parsed.data.json_schema : undefined;
  if (parsed.data?.type !== "json_schema" || jsonSchema?.strict !== true) return;
  const schema = z.fromJSONSchema(jsonSchema.schema as Parameters<typeof z.fromJSONSchema>[0]);
  const checked = schema.safeParse({ [envelopeKeyOf(responseFormat)]: reply.results });
  if (!checked.success)
    throw new Error(
      `the scripted answer does not match the JSON schema the client sent: ${z.prettifyError(checked.error)}`,
    );
}

function maskKey(key: string): string {
  return key.length <= 8
    ? "*".repeat(key.length)
    : `${key.slice(0, 3)}${"*".repeat(key.length - 7)}${key.slice(-4)}`;
}

function applyFault(options: {
  fault: OpenAIFault;
  reply: ChatReply;
  request: RecordedChatRequest;
  model: string;
}): ChatReply {
  const { fault, reply, request, model } = options;
  switch (fault.kind) {
    case "delay":
      return reply;
    case "rate-limit":
      return openAIError({
        status: 429,
        message: `Rate limit reached for ${model} in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${fault.retryAfterSeconds}s.`,
        type: "requests",
        code: "rate_limit_exceeded",
        headers: {
          "retry-after": String(fault.retryAfterSeconds),
          "x-ratelimit-limit-requests": "3",
          "x-ratelimit-remaining-requests": "0",
          "x-ratelimit-reset-requests": `${fault.retryAfterSeconds}s`,
        },
      });
    case "server-error":
      return openAIError({
        status: 500,
        message: "The server had an error while processing your request. Sorry about that!",
        type: "server_error",
        code: null,
      });
    case "invalid-json":
      return { kind: "content", content: '{"results": [{"repo": "unterminated', finishReason: "stop" };
    case "stall":
    case "cut":
      // Applied while the answer is written.
      return reply;
    default:
      break;
  }
  if (reply.kind !== "results") return reply;
  const results = [...reply.results];
  switch (fault.kind) {
    case "schema-violation": {
      if (fault.target === "envelope")
        return { kind: "content", content: JSON.stringify({ answers: results }) };
      const index = fault.index ?? 0;
      const target = results[index];
      if (typeof target === "object" && target !== null) {
        if (fault.target === "score-out-of-range") {
          results[index] = { ...target, fitScore: 42 };
        } else {
          const { reason: _dropped, ...rest } = target as Record<string, unknown>;
          results[index] = rest;
        }
      }
      return { kind: "results", results };
    }
    case "omit-repo": {
      const target = (fault.repo ?? request.repoIds.at(-1) ?? "").toLowerCase();
      return {
        kind: "results",
        results: results.filter(
          (item) =>
            !(
              typeof item === "object" &&
              item !== null &&
              String((item as { repo?: unknown }).repo).toLowerCase() === target
            ),
        ),
      };
    }
    case "extra-repo":
      return { kind: "results", results: [...results, scoreRepoDeterministically(fault.repo)] };
  }
}

/** A successful answer as message content, with the offset where each of its array elements ends. */
type Answer = { content: string; finishReason: "stop" | "length"; elementEnds: number[] };

function answerOf(reply: ChatReply & { kind: "results" | "content" }, envelopeKey: string): Answer {
  if (reply.kind === "content") {
    return { content: reply.content, finishReason: reply.finishReason ?? "stop", elementEnds: [] };
  }
  // Written by hand rather than in one JSON.stringify, to know where each element ends; the text is the same.
  let content = `{${JSON.stringify(envelopeKey)}:[`;
  const elementEnds: number[] = [];
  reply.results.forEach((item, index) => {
    if (index > 0) content += ",";
    content += JSON.stringify(item);
    elementEnds.push(content.length);
  });
  return { content: `${content}]}`, finishReason: "stop", elementEnds };
}

/**
 * Where a stall or cut after `afterElements` elements stops: past those elements and the first characters
 * of the next one, so that a streaming parser can tell the last of them is complete; the whole content
 * (without the finish chunk) when there is no next one.
 */
function cutPoint(answer: Answer, afterElements: number): number {
  const { content, elementEnds } = answer;
  if (afterElements >= elementEnds.length) return content.length;
  const previousEnd = afterElements === 0 ? undefined : elementEnds[afterElements - 1];
  const nextStart = previousEnd === undefined ? content.indexOf("[") + 1 : previousEnd + 1;
  return nextStart + 2;
}

/** One token per about 4 characters, as usage counts them. */
function splitIntoTokens(text: string): string[] {
  const tokens: string[] = [];
  for (let start = 0; start < text.length; start += 4) tokens.push(text.slice(start, start + 4));
  return tokens;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
  });
}

type Waiter = { ready: () => boolean; resolve: () => void };
type QueuedFault = {
  fault: OpenAIFault;
  remaining: number;
  when: ((request: RecordedChatRequest) => boolean) | undefined;
};

export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const requests: RecordedChatRequest[] = [];
  const state = {
    inFlight: 0,
    inFlightPeak: 0,
    handler: options.handler ?? scoreEveryAskedRepo,
    streaming: options.streaming ?? {},
  };
  let faults: QueuedFault[] = [];
  let waiters: Waiter[] = [];

  const checkWaiters = () => {
    const ready = waiters.filter((waiter) => waiter.ready());
    waiters = waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  };
  const waitFor = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      waiters.push({ ready, resolve });
      checkWaiters();
    });

  const takeFault = (request: RecordedChatRequest): OpenAIFault | undefined => {
    const queued = faults.find(
      (entry) => entry.remaining > 0 && (entry.when === undefined || entry.when(request)),
    );
    if (queued === undefined) return undefined;
    queued.remaining -= 1;
    faults = faults.filter((entry) => entry.remaining > 0);
    return queued.fault;
  };

  function send(
    response: ServerResponse,
    options: { status: number; body: unknown; headers?: Record<string, string> },
  ) {
    if (response.destroyed || response.writableEnded) return;
    const text = JSON.stringify(options.body);
    response.writeHead(options.status, {
      "content-type": "application/json",
      "x-request-id": `req_${randomBytes(12).toString("hex")}`,
      "openai-processing-ms": "12",
      ...options.headers,
    });
    response.end(text);
  }

  function sendError(response: ServerResponse, reply: ChatReply & { kind: "error" }) {
    send(response, {
      status: reply.status,
      headers: reply.headers,
      body: {
        error: { message: reply.message, type: reply.type, param: reply.param ?? null, code: reply.code },
      },
    });
  }

  function usageOf(promptTokens: number, completionTokens: number) {
    return {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    };
  }

  function sendCompletion(
    response: ServerResponse,
    options: { answer: Answer; model: string; promptTokens: number },
  ) {
    const { answer, model, promptTokens } = options;
    send(response, {
      status: 200,
      body: {
        id: `chatcmpl-${randomBytes(12).toString("hex")}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: answer.content, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: answer.finishReason,
          },
        ],
        usage: usageOf(promptTokens, estimateTokens(answer.content.length)),
        service_tier: "default",
        system_fingerprint: "fp_test",
      },
    });
  }

  /**
   * Writes the answer as OpenAI's server-sent events, one token (about 4 characters) per chunk, at the
   * configured pace. A stall or cut fault stops it after the given number of elements.
   */
  async function streamCompletion(
    response: ServerResponse,
    options: {
      answer: Answer;
      model: string;
      promptTokens: number;
      includeUsage: boolean;
      recorded: RecordedChatRequest;
      fault: OpenAIFault | undefined;
      closed: Promise<void>;
      cut: () => void;
    },
  ) {
    const { answer, model, promptTokens, includeUsage, recorded, fault, closed } = options;
    const stop = fault?.kind === "stall" || fault?.kind === "cut" ? fault : undefined;
    const end = stop === undefined ? answer.content.length : cutPoint(answer, stop.afterElements);
    const tokens = splitIntoTokens(answer.content.slice(0, end));
    const id = `chatcmpl-${randomBytes(12).toString("hex")}`;
    const created = Math.floor(Date.now() / 1000);
    const event = (choices: unknown[], usage: unknown = null) =>
      `data: ${JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created,
        model,
        service_tier: "default",
        system_fingerprint: "fp_test",
        choices,
        ...(includeUsage ? { usage } : {}),
      })}\n\n`;
    const delta = (content: string) => [
      { index: 0, delta: { content }, logprobs: null, finish_reason: null },
    ];
    const { timeToFirstTokenMs = 0, tokensPerSecond } = state.streaming;
    const interval = tokensPerSecond === undefined ? 0 : 1000 / tokensPerSecond;
    const tokensPerChunk = Math.max(
      1,
      state.streaming.tokensPerChunk ?? (tokensPerSecond === undefined ? 16 : 1),
    );
    const started = Date.now();
    const dueAt = (token: number) => started + timeToFirstTokenMs + token * interval;

    let sent = 0;
    let sentChars = 0;
    let head = true;
    while (sent < tokens.length || head) {
      const wait = dueAt(sent) - Date.now();
      if (wait > 0) await Promise.race([sleep(wait), closed]);
      if (response.destroyed) return;
      let text = "";
      if (head) {
        response.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-cache",
          "x-request-id": `req_${randomBytes(12).toString("hex")}`,
          "openai-processing-ms": String(timeToFirstTokenMs),
        });
        text += event([
          {
            index: 0,
            delta: { role: "assistant", content: "", refusal: null },
            logprobs: null,
            finish_reason: null,
          },
        ]);
        head = false;
      }
      const now = Date.now();
      while (sent < tokens.length && dueAt(sent) <= now) {
        let piece = "";
        for (
          let taken = 0;
          taken < tokensPerChunk && sent < tokens.length && dueAt(sent) <= now;
          taken += 1
        ) {
          piece += tokens[sent] ?? "";
          sent += 1;
        }
        text += event(delta(piece));
        sentChars += piece.length;
      }
      response.write(text);
      recorded.elementsSent = answer.elementEnds.filter((offset) => offset <= sentChars).length;
    }
    if (stop?.kind === "stall") {
      await closed;
      return;
    }
    if (stop?.kind === "cut") {
      options.cut();
      return;
    }
    let text = event([{ index: 0, delta: {}, logprobs: null, finish_reason: answer.finishReason }]);
    if (includeUsage) text += event([], usageOf(promptTokens, tokens.length));
    text += "data: [DONE]\n\n";
    response.end(text);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = (request.url ?? "").split("?")[0];
    if (request.method !== "POST" || path !== "/v1/chat/completions") {
      request.resume();
      send(response, {
        status: 404,
        body: {
          error: {
            message: `Invalid URL (${request.method} ${path})`,
            type: "invalid_request_error",
            param: null,
            code: null,
          },
        },
      });
      return;
    }

    state.inFlight += 1;
    state.inFlightPeak = Math.max(state.inFlightPeak, state.inFlight);
    // Recorded once the body is parsed; the connection may close before that (or the key is refused).
    let recorded: RecordedChatRequest | undefined = undefined;
    let cutByServer = false;
    const cut = () => {
      cutByServer = true;
      if (recorded) recorded.outcome = "cut-by-server";
      // What was written still reaches the client; the answer then ends without its last chunk, as when a
      // proxy or the server drops the connection.
      if (response.socket) response.socket.end();
      else response.destroy();
    };
    const closed = new Promise<void>((resolve) => {
      response.on("close", () => {
        state.inFlight -= 1;
        if (recorded && cutByServer) recorded.outcome = "cut-by-server";
        else if (recorded && !response.writableFinished) recorded.outcome = "client-closed";
        else if (recorded) recorded.outcome = "answered";
        resolve();
        checkWaiters();
      });
    });

    const rawBody = await readBody(request);
    const authorization = request.headers.authorization;
    if (options.apiKey !== undefined) {
      if (authorization === undefined) {
        send(response, {
          status: 401,
          body: {
            error: {
              message:
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
              type: "invalid_request_error",
              param: null,
              code: null,
            },
          },
        });
        return;
      }
      const given = authorization.replace(/^Bearer\s+/i, "");
      if (given !== options.apiKey) {
        // The real API echoes a masked form of the key: the client must not pass this message on as is.
        send(response, {
          status: 401,
          body: {
            error: {
              message: `Incorrect API key provided: ${maskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
              type: "invalid_request_error",
              param: null,
              code: "invalid_api_key",
            },
          },
        });
        return;
      }
    }

    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      send(response, {
        status: 400,
        body: {
          error: {
            message:
              "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
            type: "invalid_request_error",
            param: null,
            code: null,
          },
        },
      });
      return;
    }
    const parsed = chatRequestSchema.safeParse(json);
    if (!parsed.success) {
      send(response, {
        status: 400,
        body: {
          error: {
            message: "you must provide a model parameter and a non-empty messages array",
            type: "invalid_request_error",
            param: null,
            code: null,
          },
        },
      });
      return;
    }
    const body = parsed.data;
    const system = body.messages
      .filter((message) => message.role === "system" || message.role === "developer")
      .map((message) => textOf(message.content))
      .join("\n");
    const user = body.messages
      .filter((message) => message.role === "user")
      .map((message) => textOf(message.content))
      .join("\n");
    const promptChars = body.messages.reduce((sum, message) => sum + textOf(message.content).length, 0);
    // The real API counts the response-format schema and a few tokens per message as prompt tokens too.
    const schemaChars = body.response_format === undefined ? 0 : JSON.stringify(body.response_format).length;
    const promptTokens = estimateTokens(promptChars + schemaChars) + 3 * body.messages.length;
    recorded = {
      index: requests.length,
      body,
      headers: request.headers,
      system,
      user,
      repoIds: parseRepoIds(user),
      offeredIssues: parseOfferedIssues(user),
      promptChars,
      promptTokens,
      outcome: "pending",
      streamed: false,
      elementsSent: 0,
      elementsTotal: 0,
    };
    requests.push(recorded);
    checkWaiters();

    if (body.stream === true && state.streaming.refuse === true) {
      send(response, {
        status: 400,
        body: {
          error: {
            message: "Streaming is not supported by this server.",
            type: "invalid_request_error",
            param: "stream",
            code: null,
          },
        },
      });
      return;
    }
    const formatProblem = checkResponseFormat(body.response_format);
    if (formatProblem?.kind === "error") {
      sendError(response, formatProblem);
      return;
    }

    const fault = takeFault(recorded);
    if (fault?.kind === "delay") {
      await Promise.race([new Promise<void>((resolve) => setTimeout(resolve, fault.ms).unref()), closed]);
      if (response.destroyed) return;
    }
    const reply = await state.handler(recorded);
    checkScriptedAnswer(reply, body.response_format);
    const final =
      fault === undefined ? reply : applyFault({ fault, reply, request: recorded, model: body.model });
    if (final.kind === "error") {
      sendError(response, final);
      return;
    }
    const answer = answerOf(final, envelopeKeyOf(body.response_format));
    recorded.elementsTotal = answer.elementEnds.length;
    if (body.stream === true && state.streaming.ignore !== true) {
      recorded.streamed = true;
      await streamCompletion(response, {
        answer,
        model: body.model,
        promptTokens,
        includeUsage: body.stream_options?.include_usage === true,
        recorded,
        fault,
        closed,
        cut,
      });
      return;
    }
    if (fault?.kind === "stall") {
      await closed;
      return;
    }
    if (fault?.kind === "cut") {
      cut();
      return;
    }
    // A non-streamed answer arrives whole, when the streamed one would have ended.
    const { timeToFirstTokenMs = 0, tokensPerSecond } = state.streaming;
    const tokens = estimateTokens(answer.content.length);
    const generationMs =
      timeToFirstTokenMs +
      (tokensPerSecond === undefined ? 0 : (Math.max(tokens - 1, 0) * 1000) / tokensPerSecond);
    if (generationMs > 0) {
      await Promise.race([sleep(generationMs), closed]);
      if (response.destroyed) return;
    }
    recorded.elementsSent = recorded.elementsTotal;
    sendCompletion(response, { answer, model: body.model, promptTokens });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A broken handler answers like the real API's internal error instead of killing the test run.
      send(response, {
        status: 500,
        body: {
          error: {
            message: `Test server handler failed: ${String(error)}`,
            type: "server_error",
            param: null,
            code: null,
          },
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get inFlight() {
      return state.inFlight;
    },
    get inFlightPeak() {
      return state.inFlightPeak;
    },
    setHandler(handler) {
      state.handler = handler;
    },
    setStreaming(streaming) {
      state.streaming = streaming;
    },
    inject(fault, injectOptions = {}) {
      faults.push({ fault, remaining: injectOptions.times ?? 1, when: injectOptions.when });
    },
    async waitForRequests(count) {
      await waitFor(() => requests.length >= count);
      return requests.slice(0, count);
    },
    async waitForClientCloses(count) {
      const closedByClient = () => requests.filter((request) => request.outcome === "client-closed");
      await waitFor(() => closedByClient().length >= count);
      return closedByClient();
    },
    reset() {
      requests.length = 0;
      faults = [];
      state.handler = scoreEveryAskedRepo;
      state.streaming = options.streaming ?? {};
      state.inFlightPeak = state.inFlight;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        }),
      );
    },
  };
}
