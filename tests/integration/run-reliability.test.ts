import { EventSource } from "eventsource";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createScoutClient } from "@/client";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import type { ScoutEvent } from "@/shared/events";
import type { AppDependencyOverrides } from "@/server/app-dependencies";
import { serveApi } from "../support/http-app";
import { startHarness, typicalProfile, type Harness } from "../support/scout-harness";
import { within } from "../support/within";

/**
 * How a run ends when its upstreams misbehave, seen the way a user sees it: over HTTP through the API,
 * against the test GitHub and LLM servers with injected faults. Every run must end, end once, say why in
 * words the user can act on, keep what it found, and free the search slot.
 */

let harness: Harness;
let api: { url: string; close: () => Promise<void> } | undefined;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(() => harness.reset());
afterEach(async () => {
  await api?.close();
  api = undefined;
});

type Client = ReturnType<typeof createScoutClient>;

/** The API over HTTP on deps built with these environment values (and parts). */
async function startApi(
  options: { env?: Record<string, string> } & AppDependencyOverrides = {},
): Promise<Client> {
  const { env = {}, ...overrides } = options;
  const deps = harness.deps({ env: { SCOUT_SEARCH_RATE_LIMIT: "100", ...env }, ...overrides });
  api = await serveApi(deps);
  const client = createScoutClient(api.url, { EventSource });
  await client.profile.save.mutate(typicalProfile);
  return client;
}

const filters = { languages: ["Python"], minStars: 0 };
const isTerminal = (event: ScoutEvent) => ["complete", "error", "cancelled"].includes(event.type);

/** Follows the run over SSE until its terminal event. */
function watchRun(client: Client, runId: string, onEvent: (event: ScoutEvent) => void = () => {}) {
  return new Promise<ScoutEvent[]>((resolve, reject) => {
    const events: ScoutEvent[] = [];
    const subscription = client.scout.stream.subscribe(
      { runId },
      {
        onData: ({ data }) => {
          events.push(data);
          onEvent(data);
          if (isTerminal(data)) {
            subscription.unsubscribe();
            resolve(events);
          }
        },
        onError: reject,
      },
    );
  });
}

async function searchAndWatch(client: Client, boundMs = 15_000) {
  const started = performance.now();
  const { runId } = await client.scout.search.mutate(filters);
  const events = await within(watchRun(client, runId), boundMs, "the run's end");
  return { runId, events, elapsedMs: performance.now() - started, terminal: events.at(-1) };
}

/**
 * A search is accepted again: the slot was freed. (It searches for something that does not exist, so its
 * own end does not depend on the small deadlines these tests set.)
 */
async function expectNextSearchAccepted(client: Client) {
  harness.github.reset();
  harness.openai.reset();
  const next = await client.scout.search.mutate({ ...filters, query: "zzqqxx" });
  expect(next.status).toBe("running");
  const events = await within(watchRun(client, next.runId), 5_000, "the next run's end");
  expect(events.at(-1)).toMatchObject({
    type: "error",
    message: "No repositories found. Try broadening your filters.",
  });
}

describe("a hung GitHub", () => {
  it("misses each request's deadline, so the run fails within the bound and the next search is accepted", async () => {
    const client = await startApi({ env: { SCOUT_GITHUB_TIMEOUT_MS: "200" } });
    harness.github.inject({ kind: "hang", times: Infinity });

    const { runId, terminal, elapsedMs } = await searchAndWatch(client, 6_000);

    expect(terminal).toEqual({
      type: "error",
      reason: "failed",
      message: "GitHub did not answer within 200 ms, 2 attempts. Try again in a few minutes.",
    });
    // Two attempts of 200 ms and a backoff of 1 ms, plus the run's own bookkeeping, on a busy machine.
    expect(elapsedMs).toBeLessThan(3_000);
    expect(harness.github.requests.map((request) => request.outcome)).toEqual([
      "client-closed",
      "client-closed",
    ]);
    const result = await client.scout.results.query({ runId });
    expect(result.status).toBe("failed");
    expect(result.usage.githubRequests).toBe(2);
    await expectNextSearchAccepted(client);
  });

  it("is cut off by the run's deadline, which fails a run with nothing analyzed and frees the slot", async () => {
    const client = await startApi({ env: { SCOUT_RUN_TIMEOUT_MS: "500" } });
    harness.github.inject({ kind: "hang", times: Infinity });

    const { terminal, elapsedMs } = await searchAndWatch(client, 6_000);

    expect(terminal).toEqual({
      type: "error",
      reason: "failed",
      message:
        "The search did not finish within its time limit of 500 ms (SCOUT_RUN_TIMEOUT_MS), and had no results yet. GitHub or the LLM server may be slow; try again later.",
    });
    expect(elapsedMs).toBeLessThan(3_000);
    await harness.github.waitFor((requests) => requests[0]?.outcome === "client-closed");
    await expectNextSearchAccepted(client);
  });
});

describe("the run's deadline mid-analysis", () => {
  it("ends the run partial with the results analyzed so far saved, the rest skipped, and a warning", async () => {
    const client = await startApi({
      env: { SCOUT_RUN_TIMEOUT_MS: "10000", SCOUT_ANALYSIS_TIMEOUT_MS: "60000" },
    });
    // The first batch is answered; every later one hangs until the client gives up. The deadline leaves
    // the first batch time to finish on a busy machine: 6 s once proved too short beside the whole suite
    // on two cores.
    harness.openai.inject(
      { kind: "delay", ms: 120_000 },
      { when: (request) => request.index >= 1, times: 10 },
    );

    const { runId, events, terminal, elapsedMs } = await searchAndWatch(client, 16_000);

    expect(elapsedMs).toBeLessThan(13_000);
    expect(terminal?.type).toBe("complete");
    const result = await client.scout.results.query({ runId });
    expect(result.status).toBe("partial");
    expect(result.totalAnalyzed).toBe(5);
    expect(result.results.length + (result.rejected?.length ?? 0)).toBe(5);
    expect(result.skipped).toHaveLength(15);
    const warning = events.find((event) => event.type === "warning" && /time limit/.test(event.message));
    expect(warning).toMatchObject({
      message: expect.stringMatching(
        /^The search reached its time limit of 10 s \(SCOUT_RUN_TIMEOUT_MS\) and stopped with what it had; not analyzed: /,
      ) as string,
    });
    await harness.openai.waitForClientCloses(1);
    await expectNextSearchAccepted(client);
  }, 30_000);
});

describe("a candidate query that fails after its retries", () => {
  it("costs only the starter issues and health when the READMEs alone still load, and a warning says so", async () => {
    const client = await startApi();
    // Discovery takes 2 requests; the merged README and details query then gets a 502 on both of its
    // attempts, and its README-only retry succeeds.
    harness.github.inject({ kind: "status", status: 502, times: 2, after: 2 });

    const { runId, events, terminal } = await searchAndWatch(client);

    expect(terminal?.type).toBe("complete");
    const result = await client.scout.results.query({ runId });
    expect(result.status).toBe("completed");
    expect(result.totalAnalyzed).toBe(20);
    const names = result.repos.map((repo) => repo.fullName);
    const warning = `Could not load the starter issues and health of 20 repositories (${names.slice(0, 5).join(", ")} and 15 more); they are analyzed without them.`;
    expect(result.warnings).toContain(warning);
    expect(events).toContainEqual({ type: "warning", message: warning });
    // Analyzed on what there is: READMEs, no issues, no health, and nothing picked.
    expect(result.repos.every((repo) => repo.starterIssues === undefined && repo.health === undefined)).toBe(
      true,
    );
    const prompts = harness.openai.requests.map((request) => request.user).join("\n");
    expect(prompts.match(/^starter_issues: unknown/gm)).toHaveLength(20);
    expect(prompts.match(/^README:$/gm)?.length).toBeGreaterThan(0);
    expect(result.results.every((entry) => (entry.pickedIssues ?? []).length === 0)).toBe(true);
    expect(result.usage.githubRequests).toBe(5);
  });

  it("costs only the READMEs, starter issues and health when the retry fails too", async () => {
    const client = await startApi();
    harness.github.inject({ kind: "status", status: 502, times: 4, after: 2 });

    const { runId, events, terminal } = await searchAndWatch(client);

    expect(terminal?.type).toBe("complete");
    const result = await client.scout.results.query({ runId });
    expect(result.status).toBe("completed");
    expect(result.totalAnalyzed).toBe(20);
    const names = result.repos.map((repo) => repo.fullName);
    const warning = `Could not fetch the READMEs, starter issues and health of ${names.join(", ")}; they are analyzed on their metadata alone.`;
    expect(result.warnings).toContain(warning);
    expect(events).toContainEqual({ type: "warning", message: warning });
    const prompts = harness.openai.requests.map((request) => request.user).join("\n");
    expect(prompts.match(/^README: none/gm)).toHaveLength(20);
    expect(prompts.match(/^starter_issues: unknown/gm)).toHaveLength(20);
    expect(result.usage.githubRequests).toBe(6);
  });
});

describe("credentials an upstream refuses", () => {
  it("end the run at once as failed, naming OPENAI_API_KEY, without sending every batch first", async () => {
    const client = await startApi({
      analyzer: createLlmAnalyzer({
        baseURL: harness.openai.url,
        apiKey: "fake_oa_wrong-key-0000000000000000",
        model: "gpt-4o-mini",
        maxRetries: 2,
      }),
    });

    const { runId, terminal } = await searchAndWatch(client);

    expect(terminal).toEqual({
      type: "error",
      reason: "failed",
      message: "The LLM server rejected the API key (401). Check OPENAI_API_KEY.",
    });
    // 4 batches, 2 in flight at most: only the batches already in flight were sent, each once.
    expect(harness.openai.requests.length).toBeLessThanOrEqual(2);
    expect((await client.scout.results.query({ runId })).status).toBe("failed");
  });

  it("end the run at once as failed, naming GITHUB_TOKEN, when GitHub refuses the token mid-run", async () => {
    const client = await startApi();
    harness.github.inject({ kind: "bad-credentials", after: 2 });

    const { runId, terminal } = await searchAndWatch(client);

    expect(terminal).toMatchObject({ type: "error", reason: "failed" });
    expect(terminal?.type === "error" && terminal.message).toMatch(
      /^GitHub rejected the token .*GITHUB_TOKEN/,
    );
    expect(harness.openai.requests).toHaveLength(0);
    const result = await client.scout.results.query({ runId });
    expect(result.status).toBe("failed");
    expect(result.usage.githubRequests).toBe(3);
  });
});

describe("a run in which every candidate was skipped", () => {
  it("is failed, with the cause, not partial", async () => {
    const client = await startApi();
    harness.openai.inject({ kind: "server-error" }, { times: Infinity });

    const { runId, terminal } = await searchAndWatch(client);

    expect(terminal).toEqual({
      type: "error",
      reason: "failed",
      message: "None of the 20 repositories could be analyzed. The LLM server answered HTTP 500.",
    });
    const result = await client.scout.results.query({ runId });
    expect(result.status).toBe("failed");
    expect(result.skipped).toHaveLength(20);
    expect(result.totalAnalyzed).toBe(0);
  });

  it("but one with at least one result stays partial", async () => {
    const client = await startApi();
    harness.openai.inject({ kind: "server-error" }, { times: 3 });

    const { runId, terminal } = await searchAndWatch(client);

    expect(terminal?.type).toBe("complete");
    const result = await client.scout.results.query({ runId });
    expect(result.status).toBe("partial");
    expect(result.totalAnalyzed).toBe(5);
    expect(result.skipped).toHaveLength(15);
  });
});

describe("a cancel while READMEs load", () => {
  it("is logged as a cancel, not as an upstream 500", async () => {
    const client = await startApi();
    harness.github.inject({ kind: "hang", after: 2 });
    const { runId } = await client.scout.search.mutate(filters);
    await harness.github.waitFor((requests) => requests.length === 3);
    const logsBefore = harness.logs.length;

    expect((await client.scout.cancel.mutate({ runId })).status).toBe("cancelled");
    await harness.github.waitFor((requests) => requests[2]?.outcome === "client-closed");

    const logged = harness.logs.slice(logsBefore);
    expect(logged).toContain("[github] POST /graphql cancelled (The search was cancelled)");
    expect(logged.filter((line) => /500/.test(line))).toEqual([]);
    expect((await client.scout.results.query({ runId })).usage.githubRequests).toBe(3);
  });
});

describe("usage.githubRequests", () => {
  it("counts every attempt, retries included, also on a failed run", async () => {
    const client = await startApi();
    harness.github.inject({ kind: "status", status: 503, times: Infinity });

    const { runId, terminal } = await searchAndWatch(client);

    expect(terminal).toMatchObject({ type: "error", reason: "failed" });
    const result = await client.scout.results.query({ runId });
    expect(result.usage.githubRequests).toBe(2);
    expect(harness.github.graphqlRequests()).toHaveLength(2);
  });
});
