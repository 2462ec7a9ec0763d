import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createScoutClient } from "@/client";
import { parseEnv } from "@/env";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import { createRedactingLogger } from "@/server/logger";
import type { ScoutEvent } from "@/shared/events";
import {
  createAppDependencies,
  type AppDependencyOverrides,
  type AppDependencies,
} from "@/server/app-dependencies";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import { startOpenAIServer, type OpenAIServer } from "../fakes/openai-server";
import { serveApi } from "../support/http-app";
import { forgetCachedWork } from "../support/forget-cached-work";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * Secrets hygiene end to end (docs/api.md: a token or key is never shown anywhere). A whole search runs
 * over real HTTP with distinctive credentials, on the happy path and on failing ones, including upstreams
 * that quote the credential back in their error text. Then everything an outsider could see is scanned:
 * every HTTP response the client got (headers and bodies, SSE included), every stored row and event, the
 * SQLite files themselves, and every log line. The test servers prove the credentials were really sent,
 * and only as the Authorization header, so a pass cannot come from never using them.
 */

// Distinctive, and unlike the harness's values, so a hit can only come from this file's runs.
const GITHUB_SECRET = "fake_gh_SecretsScanQ7w3Zx9Lp2Mn8Rt5Vb1Kd4Hj6";
const OPENAI_SECRET = "fake_oa_proj-SecretsScan-4f9a2c7e1b8d3f6a0c5e9b2d7f1a3c";
const SECRETS = [GITHUB_SECRET, OPENAI_SECRET];
// A leak may be truncated or wrapped; the distinctive middle of each value is searched for as well.
const NEEDLES = SECRETS.flatMap((secret) => [secret, secret.slice(8, 28)]);

const NOW = new Date("2025-06-01T12:00:00Z");
const catalog = generateDemoCatalog({ now: NOW });
const filters = { languages: ["Python"], minStars: 0 };
const profile = {
  languages: ["Python", "TypeScript"],
  topics: ["web", "cli"],
  skillLevel: "intermediate" as const,
  goals: "Developer tooling",
};

type CapturedResponse = { url: string; status: number; headers: string; body: string };

let temp: TempDb;
let github: GitHubServer;
let openai: OpenAIServer;
let env: ReturnType<typeof parseEnv>;
const apis: { url: string; close: () => Promise<void> }[] = [];
const responses: CapturedResponse[] = [];
const logLines: string[] = [];
const consoleLines: string[] = [];
const spies: MockInstance[] = [];

function findSecret(text: string): string | undefined {
  return NEEDLES.find((needle) => text.includes(needle));
}

function describeValue(value: unknown): string {
  return typeof value === "string" ? value : inspect(value, { depth: 12, breakLength: Infinity });
}

/** Wraps fetch so every response from one of our API servers is recorded as the client reads it, streams too. */
function recordApiResponses(): MockInstance {
  const realFetch = globalThis.fetch;
  return vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const response = await realFetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!apis.some((api) => url.startsWith(api.url))) return response;
    const entry: CapturedResponse = {
      url,
      status: response.status,
      headers: JSON.stringify([...response.headers]),
      body: "",
    };
    responses.push(entry);
    if (!response.body) return response;
    const decoder = new TextDecoder();
    // A tap rather than a clone: an SSE body never "ends" for a clone while the subscriber still holds it.
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        entry.body += decoder.decode(chunk, { stream: true });
        controller.enqueue(chunk);
      },
      flush() {
        entry.body += decoder.decode();
      },
    });
    return new Response(response.body.pipeThrough(tap), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  });
}

function captureConsole() {
  for (const method of ["error", "warn", "log", "info", "debug"] as const) {
    spies.push(
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map(describeValue).join(" "));
      }),
    );
  }
}

/** The app's redacting logger, writing into an array. */
const logger = createRedactingLogger({ secrets: SECRETS, write: (line) => logLines.push(line) });

/** The dependencies as the app builds them, with that logger. */
function buildDeps(overrides: AppDependencyOverrides = {}): AppDependencies {
  return createAppDependencies({ env, db: temp.db, clock: () => NOW, logger, ...overrides });
}

/** Fast clients for the failure paths: no GraphQL spacing, no retry backoff, no LLM retries. */
function buildFastDeps(options: { githubFetch?: typeof globalThis.fetch } = {}): AppDependencies {
  return buildDeps({
    source: createLiveGitHubSource({
      token: env.GITHUB_TOKEN,
      apiUrl: env.GITHUB_API_URL,
      readmeMaxChars: env.SCOUT_README_MAX_CHARS,
      now: () => NOW,
      retry: { retries: 1, backoffBaseMs: 1 },
      throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 1, msPerSecond: 1, graphqlMinIntervalMs: 0 },
      logger,
      ...(options.githubFetch ? { fetch: options.githubFetch } : {}),
    }),
    analyzer: createLlmAnalyzer({
      baseURL: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY ?? "",
      model: env.SCOUT_MODEL,
      maxRetries: 0,
    }),
  });
}

async function startApi(deps: AppDependencies) {
  const api = await serveApi(deps);
  apis.push(api);
  return createScoutClient(api.url, { EventSource });
}

type Client = Awaited<ReturnType<typeof startApi>>;

/** Watches the run over SSE until its terminal event. */
function watchRun(client: Client, runId: string): Promise<ScoutEvent[]> {
  return new Promise((resolve, reject) => {
    const events: ScoutEvent[] = [];
    const subscription = client.scout.stream.subscribe(
      { runId },
      {
        onData: ({ data }) => {
          events.push(data);
          if (data.type === "complete" || data.type === "error" || data.type === "cancelled") {
            subscription.unsubscribe();
            resolve(events);
          }
        },
        onError: reject,
        onComplete: () => {
          resolve(events);
        },
      },
    );
  });
}

/** One search over HTTP, watched to its end, then read back through every read procedure. */
async function searchOverHttp(client: Client): Promise<ScoutEvent[]> {
  const { runId } = await client.scout.search.mutate(filters);
  const events = await watchRun(client, runId);
  await client.scout.results.query({ runId });
  await client.scout.runs.query({ limit: 100 });
  await client.scout.cancel.mutate({ runId });
  return events;
}

async function dumpDatabase(): Promise<Record<string, string>> {
  const { db } = temp;
  const [runs, repositories, analyses, profiles, events] = await Promise.all([
    db.searchRun.findMany(),
    db.repository.findMany(),
    db.analysisResult.findMany(),
    db.developerProfile.findMany(),
    db.runEvent.findMany(),
  ]);
  return {
    SearchRun: JSON.stringify(runs),
    Repository: JSON.stringify(repositories),
    AnalysisResult: JSON.stringify(analyses),
    DeveloperProfile: JSON.stringify(profiles),
    RunEvent: JSON.stringify(events),
  };
}

/** The SQLite file and its WAL, byte for byte: catches a secret in any table, including ones not dumped above. */
function readDatabaseFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(temp.dir))
    files[name] = readFileSync(path.join(temp.dir, name)).toString("latin1");
  return files;
}

/** Every place an outsider could read, each with the first secret found in it (or none). */
async function expectNoSecretAnywhere() {
  const leaks: string[] = [];
  const check = (where: string, text: string) => {
    const found = findSecret(text);
    if (found)
      leaks.push(
        `${where} contains ${JSON.stringify(found)}: ${text.slice(Math.max(0, text.indexOf(found) - 200), text.indexOf(found) + 100)}`,
      );
  };
  responses.forEach((response, index) => {
    check(`response #${index} headers (${response.url})`, response.headers);
    check(`response #${index} body (${response.url})`, response.body);
  });
  for (const [table, rows] of Object.entries(await dumpDatabase())) check(`table ${table}`, rows);
  for (const [file, bytes] of Object.entries(readDatabaseFiles())) check(`database file ${file}`, bytes);
  logLines.forEach((line, index) => {
    check(`log line #${index}`, line);
  });
  consoleLines.forEach((line, index) => {
    check(`console line #${index}`, line);
  });
  expect(leaks).toEqual([]);
}

/** Proves the token was used: the GitHub server got it on every request, only ever as the Authorization header. */
function expectGitHubTokenSentOnlyAsAuthorization() {
  expect(github.requests.length).toBeGreaterThan(0);
  for (const request of github.requests) {
    expect(request.headers.authorization).toMatch(new RegExp(`^(?:token|bearer) ${GITHUB_SECRET}$`, "i"));
    const { authorization: _sent, ...otherHeaders } = request.headers;
    expect(
      findSecret(JSON.stringify({ path: request.path, headers: otherHeaders, body: request.body })),
    ).toBeUndefined();
  }
}

/** Proves both credentials were used, each only as the Authorization header of its own server. */
function expectCredentialsSentOnlyAsAuthorization() {
  expectGitHubTokenSentOnlyAsAuthorization();
  expect(openai.requests.length).toBeGreaterThan(0);
  for (const request of openai.requests) {
    expect(request.headers.authorization).toBe(`Bearer ${OPENAI_SECRET}`);
    const { authorization: _sent, ...otherHeaders } = request.headers;
    expect(findSecret(JSON.stringify({ headers: otherHeaders, body: request.body }))).toBeUndefined();
  }
}

beforeAll(async () => {
  temp = createTempDb();
  github = await startGitHubServer({ data: createCatalogGitHubData(catalog), token: GITHUB_SECRET });
  openai = await startOpenAIServer({ apiKey: OPENAI_SECRET });
  env = parseEnv({
    DATABASE_URL: temp.databaseUrl,
    GITHUB_TOKEN: GITHUB_SECRET,
    OPENAI_API_KEY: OPENAI_SECRET,
    GITHUB_API_URL: github.url,
    OPENAI_BASE_URL: openai.url,
    SCOUT_MAX_REPOS: "10",
    SCOUT_BATCH_SIZE: "5",
    SCOUT_BATCH_CONCURRENCY: "2",
    SCOUT_ANALYSIS_TIMEOUT_MS: "5000",
    SCOUT_SEARCH_RATE_LIMIT: "100",
  });
  spies.push(recordApiResponses());
  captureConsole();
});

afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  await Promise.all(apis.map((api) => api.close()));
  await github.close();
  await openai.close();
  await temp.cleanup();
});

beforeEach(async () => {
  await forgetCachedWork(temp.db);
  github.reset();
  openai.reset();
});

describe("secrets never leave the server", () => {
  it("a successful search with the clients built from the environment, and the API's error answers", async () => {
    // No overrides: the live source and the LLM analyzer are the ones createAppDependencies builds from env.
    const client = await startApi(buildDeps());
    await client.profile.save.mutate(profile);
    expect(await client.scout.config.query()).toEqual({
      githubSource: "live",
      analyzer: "llm",
      model: env.SCOUT_MODEL,
      githubWebOrigin: github.url,
    });
    await expect(client.scout.search.mutate({ languages: [] })).rejects.toMatchObject({
      data: { code: "BAD_REQUEST" },
    });
    await expect(client.scout.results.query({ runId: "unknown-run" })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });

    const events = await searchOverHttp(client);
    const complete = events.at(-1);
    expect(complete?.type).toBe("complete");
    if (complete?.type === "complete")
      expect(complete.data).toMatchObject({ status: "completed", totalAnalyzed: 10 });

    // The scan below covered the stream itself, not only the batched calls.
    expect(
      responses.some(
        (response) => response.headers.includes("text/event-stream") && response.body.includes('"complete"'),
      ),
    ).toBe(true);
    expectCredentialsSentOnlyAsAuthorization();
    await expectNoSecretAnywhere();
  });

  it("GitHub's own notices, even one quoting the token, reach the log redacted and never the console", async () => {
    // No overrides: the live source is the one the app builds from env, with the app's logger.
    const client = await startApi(buildDeps());
    await client.profile.save.mutate(profile);
    github.inject({
      kind: "deprecation",
      link: `https://docs.github.example/deprecations?seen_with=${GITHUB_SECRET}`,
      times: Infinity,
    });

    const events = await searchOverHttp(client);

    expect(events.at(-1)?.type).toBe("complete");
    const notices = logLines.filter((line) => line.includes("[github]") && line.includes("is deprecated"));
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((line) => line.includes("seen_with=[REDACTED]"))).toBe(true);
    expectGitHubTokenSentOnlyAsAuthorization();
    await expectNoSecretAnywhere();
  });

  it("an LLM that fails and refuses the key, quoting the key back in full", async () => {
    // Worse than the real API, which masks the key: whatever the upstream says must not be passed on.
    const quoted = `Incorrect API key provided: ${OPENAI_SECRET}.`;
    openai.setHandler((request) =>
      request.index === 0
        ? {
            kind: "error",
            status: 500,
            message: `Internal error for key ${OPENAI_SECRET}`,
            type: "server_error",
            code: null,
          }
        : {
            kind: "error",
            status: 401,
            message: quoted,
            type: "invalid_request_error",
            code: "invalid_api_key",
          },
    );
    const client = await startApi(buildFastDeps());
    await client.profile.save.mutate(profile);

    const events = await searchOverHttp(client);
    expect(events.at(-1)).toEqual({
      type: "error",
      reason: "failed",
      message: "The LLM server rejected the API key (401). Check OPENAI_API_KEY.",
    });
    expect(openai.requests).toHaveLength(2);
    // The refusal reached the log, so the log scan below is not vacuous.
    expect(logLines.filter((line) => /^\[scout\] error: Run \S+ failed/.test(line))).toHaveLength(1);
    expectCredentialsSentOnlyAsAuthorization();
    await expectNoSecretAnywhere();
  });

  it("GitHub refusing the token, and GitHub failing mid-run", async () => {
    const client = await startApi(buildFastDeps());
    await client.profile.save.mutate(profile);

    github.inject({ kind: "bad-credentials" });
    const refused = await searchOverHttp(client);
    expect(refused.at(-1)).toMatchObject({ type: "error", reason: "failed" });

    // Discovery succeeds; the candidate query then fails on every attempt, and so does its README-only
    // retry, which costs only those READMEs, starter issues and health.
    github.inject({ kind: "status", status: 500, times: 4, only: "non-searches" });
    const degraded = await searchOverHttp(client);
    expect(degraded.at(-1)?.type).toBe("complete");
    expect(
      degraded.some(
        (event) => event.type === "warning" && event.message.startsWith("Could not fetch the READMEs"),
      ),
    ).toBe(true);
    expectGitHubTokenSentOnlyAsAuthorization();
    expect(logLines.filter((line) => /Run .* failed/.test(line)).length).toBeGreaterThanOrEqual(1);
    // Every failed attempt reaches the app's (redacting) log, and nothing reaches the console directly.
    expect(logLines.filter((line) => /\[github\] POST \/graphql - 500/.test(line))).toHaveLength(4);
    expect(consoleLines.filter((line) => line.includes("/graphql"))).toHaveLength(0);
    await expectNoSecretAnywhere();
  });

  // A proxy or GitHub Enterprise in front of the API might echo the request; the token must still stay in.
  // Each answer goes to the real test server first, so the token is checked there, then is replaced.
  const echoingGitHub =
    (answer: (authorization: string) => Response): typeof globalThis.fetch =>
    async (input, init) => {
      const response = await fetch(input, init);
      await response.body?.cancel();
      return answer(new Headers(init?.headers).get("authorization") ?? "");
    };

  it.each([
    {
      name: "a GraphQL error (HTTP 200)",
      answer: (authorization: string) =>
        Response.json({
          errors: [
            { type: "FORBIDDEN", message: `Resource not accessible with credentials "${authorization}"` },
          ],
        }),
    },
    {
      name: "an HTTP 422",
      answer: (authorization: string) =>
        Response.json(
          {
            message: `Validation failed for ${authorization}`,
            documentation_url: "https://docs.github.com/graphql",
          },
          { status: 422 },
        ),
    },
  ])("GitHub answering with $name that quotes the Authorization header it was sent", async ({ answer }) => {
    const client = await startApi(buildFastDeps({ githubFetch: echoingGitHub(answer) }));
    await client.profile.save.mutate(profile);

    const events = await searchOverHttp(client);
    expect(events.at(-1)).toMatchObject({ type: "error", reason: "failed" });
    expectGitHubTokenSentOnlyAsAuthorization();
    await expectNoSecretAnywhere();
  });
});

describe("createRedactingLogger", () => {
  it("blanks a secret nested inside an error's cause", () => {
    const lines: string[] = [];
    const logger = createRedactingLogger({
      secrets: [GITHUB_SECRET, OPENAI_SECRET],
      write: (line) => lines.push(line),
    });
    const upstream = new Error(`upstream said: invalid key ${OPENAI_SECRET}`, {
      cause: { request: { headers: { authorization: `token ${GITHUB_SECRET}` } } },
    });
    logger.error("Analysis failed", new Error("batch failed", { cause: upstream }));
    logger.warn(`Retrying with ${GITHUB_SECRET}`);

    expect(lines).toHaveLength(2);
    expect(lines.join("\n")).not.toContain(GITHUB_SECRET);
    expect(lines.join("\n")).not.toContain(OPENAI_SECRET);
    // The surrounding text survives, so the redaction is what hid the values (not a depth cut-off).
    expect(lines[0]).toContain("upstream said: invalid key [REDACTED]");
    expect(lines[0]).toContain("authorization: 'token [REDACTED]'");
    expect(lines[1]).toBe("[scout] warn: Retrying with [REDACTED]");
  });
});
