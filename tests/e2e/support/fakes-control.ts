import { z } from "zod";
import type { GitHubFault } from "../../fakes/github-server";
import type { OpenAIFault, StreamingOptions } from "../../fakes/openai-server";
import type { GitHubRequestsReport, HealthReport, OpenAIRequestsReport } from "../../fakes/serve-fakes";

/**
 * A typed client for the control API of tests/fakes/serve-fakes.ts, so a Playwright test (in any worker)
 * can reset the fake GitHub and OpenAI servers, inject faults and read what they received.
 */

export type OpenAIInjectOptions = {
  /** How many matching requests get the fault (default 1; Infinity for all). */
  times?: number;
  /** Let the requests with a 0-based index below this (counted since the last reset) through untouched. */
  afterRequests?: number;
};

export type FakesControl = {
  health(): Promise<HealthReport>;
  /** Clears faults, recorded requests, the repository count and rate limit, and the OpenAI handler. */
  reset(): Promise<void>;
  injectGitHub(fault: GitHubFault): Promise<void>;
  /** Report this repositoryCount whatever matched; null goes back to the real count. */
  setRepositoryCount(count: number | null): Promise<void>;
  setGitHubRateLimit(rateLimit: { remaining: number; resetInSeconds?: number }): Promise<void>;
  injectOpenAI(fault: OpenAIFault, options?: OpenAIInjectOptions): Promise<void>;
  /** Paces the LLM's answers until the next reset (streamed ones token by token). */
  setOpenAIStreaming(
    streaming: Pick<StreamingOptions, "timeToFirstTokenMs" | "tokensPerSecond" | "tokensPerChunk">,
  ): Promise<void>;
  githubRequests(): Promise<GitHubRequestsReport>;
  /** As if the person revoked the OAuth app on GitHub: every token issued to them is refused from now on. */
  revokeGitHubUser(login: string): Promise<void>;
  openaiRequests(): Promise<OpenAIRequestsReport>;
};

// Checked against the server's exported wire types, so the two cannot drift apart unnoticed.
const outcomeSchema = z.enum(["pending", "answered", "client-closed", "cut-by-server"]);
const healthSchema: z.ZodType<HealthReport> = z.object({
  ok: z.literal(true),
  githubUrl: z.string(),
  openaiUrl: z.string(),
});
const githubRequestsSchema: z.ZodType<GitHubRequestsReport> = z.object({
  count: z.number(),
  graphqlCount: z.number(),
  requests: z.array(
    z.object({
      method: z.string(),
      path: z.string(),
      outcome: z.enum(["pending", "answered", "client-closed"]),
      readmeObjects: z.number(),
      search: z.boolean(),
      searchQuery: z.string().nullable(),
      cost: z.number().nullable(),
      credential: z.string().nullable(),
    }),
  ),
});
const openaiRequestsSchema: z.ZodType<OpenAIRequestsReport> = z.object({
  count: z.number(),
  inFlight: z.number(),
  inFlightPeak: z.number(),
  requests: z.array(
    z.object({ index: z.number(), repoIds: z.array(z.string()), outcome: outcomeSchema, model: z.string() }),
  ),
});
const okSchema = z.object({ ok: z.literal(true) });

/** JSON.stringify would turn Infinity into null; say "all" explicitly, which the server also accepts. */
function wireTimes(times: number | undefined): number | "all" | undefined {
  return times === Number.POSITIVE_INFINITY ? "all" : times;
}

export function createFakesControl(controlUrl: string): FakesControl {
  const base = controlUrl.replace(/\/+$/, "");

  async function call<T>(
    method: "GET" | "POST",
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Fakes control ${method} ${path} answered ${response.status}: ${text}`);
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new Error(`Fakes control ${method} ${path} answered an unexpected body: ${text}`);
    return parsed.data;
  }
  const post = async (path: string, body?: unknown) => {
    await call("POST", path, okSchema, body);
  };

  return {
    health: () => call("GET", "/health", healthSchema),
    reset: () => post("/reset"),
    injectGitHub: (fault) => post("/github/inject", { ...fault, times: wireTimes(fault.times) }),
    setRepositoryCount: (count) => post("/github/repository-count", { count }),
    setGitHubRateLimit: (rateLimit) => post("/github/rate-limit", rateLimit),
    injectOpenAI: (fault, options = {}) =>
      post("/openai/inject", {
        fault,
        times: wireTimes(options.times),
        afterRequests: options.afterRequests,
      }),
    setOpenAIStreaming: (streaming) => post("/openai/streaming", streaming),
    githubRequests: () => call("GET", "/github/requests", githubRequestsSchema),
    openaiRequests: () => call("GET", "/openai/requests", openaiRequestsSchema),
    revokeGitHubUser: (login) => post("/github/oauth/revoke", { login }),
  };
}
