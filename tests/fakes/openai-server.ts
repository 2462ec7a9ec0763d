import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

/**
 * A test LLM server on 127.0.0.1 that speaks OpenAI's `POST /v1/chat/completions` the way the real API
 * does: the same success body (`chat.completion`, `choices[0].message.content`, `usage`), the same error
 * bodies (`{ error: { message, type, param, code } }`) and status codes, and the strict-schema checks the
 * real API applies to `response_format: { type: "json_schema" }`. Each test scripts the answer as a
 * function of the request (checked against the JSON schema the request sent, as strict mode guarantees),
 * and can inject faults. It records every request and counts those in flight.
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
  /** "client-closed" when the client hung up before the answer was written (a timeout or an abort). */
  outcome: "pending" | "answered" | "client-closed";
};

export type ChatReply =
  /** Serialized as the message content: `{ "results": results }`. */
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
  /** "envelope": the top-level shape is wrong; the others break the first repo's item only. */
  | { kind: "schema-violation"; target: "envelope" | "score-out-of-range" | "missing-field" }
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

export type OpenAIServerOptions = {
  /** When set, requests must carry `Authorization: Bearer <apiKey>` or get OpenAI's 401. */
  apiKey?: string;
  handler?: ChatHandler;
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
  inject(fault: OpenAIFault, options?: InjectOptions): void;
  /** Resolves once `count` requests have arrived in total. */
  waitForRequests(count: number): Promise<RecordedChatRequest[]>;
  /** Resolves once `count` requests in total were closed by the client before being answered. */
  waitForClientCloses(count: number): Promise<RecordedChatRequest[]>;
  /** Back to the default handler, no faults, no recorded requests, peak reset. */
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

/**
 * A deterministic, schema-valid result for one repo id: tutorials and awesome-lists are rejected; the others
 * pick the first two issues their block offers, and name the first in a contribution.
 */
export function scoreRepoDeterministically(repo: string, offered: readonly number[] = []) {
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
  const checked = schema.safeParse({ results: reply.results });
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
    default:
      break;
  }
  if (reply.kind !== "results") return reply;
  const results = [...reply.results];
  switch (fault.kind) {
    case "schema-violation": {
      if (fault.target === "envelope")
        return { kind: "content", content: JSON.stringify({ answers: results }) };
      const first = results[0];
      if (typeof first === "object" && first !== null) {
        if (fault.target === "score-out-of-range") {
          results[0] = { ...first, fitScore: 42 };
        } else {
          const { reason: _dropped, ...rest } = first as Record<string, unknown>;
          results[0] = rest;
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
  const state = { inFlight: 0, inFlightPeak: 0, handler: options.handler ?? scoreEveryAskedRepo };
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

  function sendReply(
    response: ServerResponse,
    options: { reply: ChatReply; model: string; promptTokens: number },
  ) {
    const { reply, model, promptTokens } = options;
    if (reply.kind === "error") {
      send(response, {
        status: reply.status,
        headers: reply.headers,
        body: {
          error: { message: reply.message, type: reply.type, param: reply.param ?? null, code: reply.code },
        },
      });
      return;
    }
    const content = reply.kind === "results" ? JSON.stringify({ results: reply.results }) : reply.content;
    const completionTokens = estimateTokens(content.length);
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
            message: { role: "assistant", content, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: reply.kind === "content" ? (reply.finishReason ?? "stop") : "stop",
          },
        ],
        usage: {
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
        },
        service_tier: "default",
        system_fingerprint: "fp_test",
      },
    });
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
    const closed = new Promise<void>((resolve) => {
      response.on("close", () => {
        state.inFlight -= 1;
        if (recorded && !response.writableFinished) recorded.outcome = "client-closed";
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
    };
    requests.push(recorded);
    checkWaiters();

    if (body.stream === true) {
      send(response, {
        status: 400,
        body: {
          error: {
            message: "The test server does not stream.",
            type: "invalid_request_error",
            param: "stream",
            code: null,
          },
        },
      });
      return;
    }
    const formatProblem = checkResponseFormat(body.response_format);
    if (formatProblem) {
      sendReply(response, { reply: formatProblem, model: body.model, promptTokens });
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
    sendReply(response, { reply: final, model: body.model, promptTokens });
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
