import { TRPCError } from "@trpc/server";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createScoutClient } from "@/client";
import { sseKeepAlive } from "@/server/api/trpc";
import type { ScoutEvent } from "@/shared/events";
import type { AppDependencies } from "@/server/app-dependencies";
import { serveApi } from "../support/http-app";
import { makeRepo } from "../support/llm-analysis-fixtures";
import { seedRun, seedRunningRun } from "../support/seed-runs";
import { createTempDb } from "../support/temp-db";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import {
  HARNESS_NOW,
  callerFor,
  collectRunEvents,
  startHarness,
  typicalProfile,
  waitForRunEvent,
  type Harness,
} from "../support/scout-harness";
import { anyString } from "../support/matchers";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(() => harness.reset());

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

async function withProfile(deps: AppDependencies) {
  const caller = callerFor(deps);
  await caller.profile.save(typicalProfile);
  return caller;
}

const filters = { languages: ["Python"], minStars: 0 };

describe("scout.search", () => {
  it("returns a run id at once and runs the search in the background", async () => {
    const deps = harness.deps();
    const caller = await withProfile(deps);
    const started = await caller.scout.search(filters);
    expect(started).toEqual({ runId: anyString(), status: "running" });
    expect((await collectRunEvents(deps, started.runId)).at(-1)?.type).toBe("complete");
  });

  it("asks for a profile first", async () => {
    const deps = harness.deps();
    await deps.db.developerProfile.deleteMany();
    const error = await errorOf(callerFor(deps).scout.search(filters));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Save a developer profile before searching");
  });

  it("names the first invalid filter", async () => {
    const caller = await withProfile(harness.deps());
    expect((await errorOf(caller.scout.search({ languages: [] }))).message).toBe(
      "Select at least one language",
    );
    expect(
      (await errorOf(caller.scout.search({ languages: ["Go"], minStars: 100, maxStars: 10 }))).message,
    ).toBe("Maximum stars must be at least the minimum");
  });

  it("refuses a search GitHub would refuse as too long, creating no run and spending no hourly search", async () => {
    const deps = harness.deps({ env: { SCOUT_SEARCH_RATE_LIMIT: "1" } });
    const api = await serveApi(deps);
    try {
      const client = createScoutClient(api.url);
      await client.profile.save.mutate(typicalProfile);
      const runsBefore = await deps.db.searchRun.count();
      const tooLong = { languages: ["Python"], query: "z".repeat(300) };
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const error = await client.scout.search.mutate(tooLong).then(
          () => null,
          (caught: unknown) => caught as { message: string; data?: Record<string, unknown> },
        );
        expect(error?.message).toBe(
          "The search is too long for GitHub: at most 256 characters including filters; this one would be 368.",
        );
        expect(error?.data).toMatchObject({
          code: "BAD_REQUEST",
          httpStatus: 400,
          zodError: { fieldErrors: { query: [error?.message] } },
        });
      }
      expect(await deps.db.searchRun.count()).toBe(runsBefore);
      expect(harness.github.requests).toHaveLength(0);

      // The one search this client may run this hour is still there.
      const { runId } = await client.scout.search.mutate({ ...tooLong, query: "zzqqxx" });
      await collectRunEvents(deps, runId);
    } finally {
      await api.close();
    }
  });

  it("refuses a second search while one is running", async () => {
    harness.openai.inject({ kind: "delay", ms: 10_000 }, { times: 10 });
    const deps = harness.deps();
    const caller = await withProfile(deps);
    const { runId } = await caller.scout.search(filters);
    const error = await errorOf(caller.scout.search(filters));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/^A search is already running/);
    await caller.scout.cancel({ runId });
  });

  it("refuses the sixth search in an hour from one client, with a retry-after, but not another client's", async () => {
    const deps = harness.deps();
    const caller = await withProfile(deps);
    for (let index = 0; index < 5; index += 1) {
      const { runId } = await caller.scout.search({ languages: ["Python"], query: "zzqqxx" });
      await collectRunEvents(deps, runId);
    }
    const error = await errorOf(caller.scout.search(filters));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/limit of 5 searches per hour/);
    const cause = error.cause as { retryAfterSeconds?: number };
    expect(cause.retryAfterSeconds).toBeGreaterThan(3500);
    const other = await callerFor(deps, "10.0.0.2").scout.search({
      languages: ["Python"],
      query: "zzqqxx",
    });
    await collectRunEvents(deps, other.runId);
  });
});

describe("scout.config", () => {
  it("describes the live source and the LLM analyzer the environment asks for", async () => {
    const deps = harness.deps();
    expect(await callerFor(deps).scout.config()).toEqual({
      githubSource: "live",
      analyzer: "llm",
      model: "gpt-4o-mini",
      githubWebOrigin: harness.github.url,
    });
  });

  it("describes what was actually built, even when it differs from what the environment says", async () => {
    // The environment asks for live GitHub and the LLM; the catalog and the built-in analyzer are injected.
    const deps = harness.deps({
      analyzer: createHeuristicAnalyzer({ now: () => HARNESS_NOW }),
      source: createCatalogSource({
        catalog: generateDemoCatalog({ now: HARNESS_NOW }),
        readmeMaxChars: 1000,
        now: () => HARNESS_NOW,
      }),
    });
    expect(deps.env).toMatchObject({ SCOUT_GITHUB_SOURCE: "live", SCOUT_ANALYZER: "llm" });
    expect(await callerFor(deps).scout.config()).toEqual({
      githubSource: "catalog",
      analyzer: "heuristic",
      model: null,
      githubWebOrigin: "https://github.com",
    });
  });
});

describe("scout.results, cancel, runs", () => {
  it("returns the ranked results without the rejected ones, also mid-run", async () => {
    const deps = harness.deps();
    const caller = await withProfile(deps);
    harness.openai.setHandler((request) => {
      const ids = request.repoIds;
      return {
        kind: "results",
        results: ids.map((repo, index) =>
          index === 0
            ? {
                repo,
                fitScore: 0,
                reason: "A list of links.",
                contributions: [],
                reject: true,
                rejectReason: "Awesome-list",
                pickedIssues: [],
              }
            : {
                repo,
                fitScore: (index * 37) % 11,
                reason: "Matches your stack.",
                contributions: ["Fix a bug"],
                reject: false,
                rejectReason: null,
                pickedIssues: [],
              },
        ),
      };
    });
    const { runId } = await caller.scout.search(filters);
    // Analyses stream one by one, the rejected first here: wait for an accepted one.
    await waitForRunEvent(
      deps,
      runId,
      (event) => event.type === "results" && event.results.some((result) => !result.reject),
    );
    const midRun = await caller.scout.results({ runId });
    expect(midRun.results.length).toBeGreaterThan(0);

    await collectRunEvents(deps, runId);
    const result = await caller.scout.results({ runId });
    expect(result.status).toBe("completed");
    expect(result.totalAnalyzed).toBe(20);
    expect(result.results).toHaveLength(16);
    expect(result.results.every((entry) => !entry.reject)).toBe(true);
    const scores = result.results.map((entry) => entry.fitScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("answers NOT_FOUND for an unknown run", async () => {
    const caller = callerFor(harness.deps());
    expect((await errorOf(caller.scout.results({ runId: "nope" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(caller.scout.cancel({ runId: "nope" }))).code).toBe("NOT_FOUND");
    const stream = await caller.scout.stream({ runId: "nope" });
    expect(
      (
        await errorOf(
          (async () => {
            for await (const _ of stream) break;
          })(),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("leaves a finished run as it is when cancelled", async () => {
    const deps = harness.deps();
    const caller = await withProfile(deps);
    const { runId } = await caller.scout.search({ languages: ["Python"], query: "zzqqxx" });
    await collectRunEvents(deps, runId);
    expect(await caller.scout.cancel({ runId })).toEqual({ runId, status: "completed" });
  });

  it("lists runs newest first, a page at a time", async () => {
    // Its own database: the history is exactly the runs seeded here, whatever other tests left behind.
    const temp = createTempDb();
    try {
      const db = temp.db;
      const at = (minutes: number) => new Date(HARNESS_NOW.getTime() - minutes * 60_000);
      await seedRun({ db, runId: "run-a", startedAt: at(50), filters: { languages: ["Go"] } });
      await seedRun({
        db,
        runId: "run-b",
        startedAt: at(40),
        filters: { languages: ["Python"] },
        analyses: [
          { repo: makeRepo("acme/best", { githubId: 1 }), fitScore: 7 },
          { repo: makeRepo("acme/fine", { githubId: 2 }), fitScore: 4 },
          { repo: makeRepo("acme/list", { githubId: 3 }), fitScore: 9, reject: true },
        ],
      });
      await seedRun({ db, runId: "run-c", startedAt: at(30), status: "cancelled" });
      await seedRun({ db, runId: "run-d", startedAt: at(20), status: "failed" });
      await seedRun({ db, runId: "run-e", startedAt: at(10) });
      const caller = callerFor(harness.deps({ db }));

      const first = await caller.scout.runs({ limit: 2 });
      const second = await caller.scout.runs({ limit: 2, cursor: first.nextCursor ?? "" });
      const third = await caller.scout.runs({ limit: 2, cursor: second.nextCursor ?? "" });

      expect([first, second, third].map((page) => page.items.map((run) => run.runId))).toEqual([
        ["run-e", "run-d"],
        ["run-c", "run-b"],
        ["run-a"],
      ]);
      expect(third.nextCursor).toBeNull();
      const runB = second.items[1];
      // The best analysis that was not rejected.
      expect(runB).toMatchObject({ status: "completed", totalAnalyzed: 3, topScore: 7 });
      expect(runB?.filters.languages).toEqual(["Python"]);
      expect(first.items.map((run) => run.topScore)).toEqual([null, null]);
    } finally {
      await temp.cleanup();
    }
  });
});

describe("scout.stream over HTTP", () => {
  let api: { url: string; close: () => Promise<void> };
  let deps: AppDependencies;

  beforeAll(async () => {
    deps = harness.deps({ env: { SCOUT_SEARCH_RATE_LIMIT: "100" } });
    api = await serveApi(deps);
  });
  afterAll(() => api.close());

  function subscribe(runId: string, lastEventId?: string) {
    const client = createScoutClient(api.url, { EventSource });
    return new Promise<{ id: string; event: ScoutEvent }[]>((resolve, reject) => {
      const received: { id: string; event: ScoutEvent }[] = [];
      const subscription = client.scout.stream.subscribe(
        { runId, lastEventId },
        {
          onData: ({ id, data }) => {
            received.push({ id, event: data });
            if (["complete", "error", "cancelled"].includes(data.type)) {
              subscription.unsubscribe();
              resolve(received);
            }
          },
          onError: reject,
          onComplete: () => {
            resolve(received);
          },
        },
      );
    });
  }

  it("serves text/event-stream", async () => {
    const response = await fetch(
      `${api.url}/api/trpc/scout.stream?input=${encodeURIComponent(JSON.stringify({ runId: "nope" }))}`,
    );
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    await response.body?.cancel();
  });

  it("two subscribers see the same sequence, a resumed one continues without duplicates, a finished run replays", async () => {
    const client = createScoutClient(api.url, { EventSource });
    await client.profile.save.mutate(typicalProfile);
    const { runId } = await client.scout.search.mutate(filters);
    const [first, second] = await Promise.all([subscribe(runId), subscribe(runId)]);
    expect(first.map((entry) => entry.id)).toEqual(second.map((entry) => entry.id));
    expect(first.map((entry) => entry.event)).toEqual(second.map((entry) => entry.event));
    expect(first.at(-1)?.event.type).toBe("complete");
    const ids = first.map((entry) => Number(entry.id));
    expect(ids).toEqual(ids.map((_, index) => index + 1));

    const [resumeFrom, last] = [first[5]?.id ?? "", first.at(-1)?.id ?? ""];
    const resumed = await subscribe(runId, resumeFrom);
    expect(resumed.map((entry) => entry.id)).toEqual(first.slice(6).map((entry) => entry.id));

    const replay = await subscribe(runId);
    expect(replay).toEqual(first);
    expect(await subscribe(runId, last)).toEqual([]);
  });

  /** Reads an SSE body until `isDone` holds for what arrived, or the deadline passes; returns what arrived. */
  async function readStreamUntil(
    body: ReadableStream<Uint8Array>,
    isDone: (text: string) => boolean,
    timeoutMs: number,
  ): Promise<string> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += decoder.decode(chunk.value, { stream: true });
        if (isDone(text)) break;
      }
    } finally {
      clearTimeout(deadline);
      await reader.cancel();
    }
    return text;
  }

  it("keeps a quiet stream alive with pings, and tells the client when to treat it as dead", async () => {
    // A run that is running here but says nothing, like one waiting on a slow analysis batch.
    const runId = "quiet-run";
    await seedRunningRun({ db: deps.db, runId, now: HARNESS_NOW });
    deps.registry.register(runId);
    try {
      const response = await fetch(
        `${api.url}/api/trpc/scout.stream?input=${encodeURIComponent(JSON.stringify({ runId }))}`,
      );
      if (!response.body) throw new Error("the stream has no body");
      const received = await readStreamUntil(
        response.body,
        (text) => text.includes("event: ping"),
        sseKeepAlive.pingIntervalMs + 5_000,
      );

      expect(received).toContain("event: ping");
      // The connected event hands the client its inactivity limit, which must outlast a ping interval.
      const connected = /event: connected\ndata: (.*)\n/.exec(received)?.[1] ?? "{}";
      expect(JSON.parse(connected)).toEqual({
        reconnectAfterInactivityMs: sseKeepAlive.reconnectAfterInactivityMs,
      });
      expect(sseKeepAlive.reconnectAfterInactivityMs).toBeGreaterThan(2 * sseKeepAlive.pingIntervalMs);
    } finally {
      deps.registry.finish(runId);
    }
  });

  it("returns NOT_FOUND to a subscriber of an unknown run", async () => {
    await expect(subscribe("unknown-run")).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
  });

  it("carries Retry-After on a refused search", async () => {
    const limited = harness.deps({ env: { SCOUT_SEARCH_RATE_LIMIT: "1" } });
    const limitedApi = await serveApi(limited);
    try {
      const client = createScoutClient(limitedApi.url);
      await client.profile.save.mutate(typicalProfile);
      const { runId } = await client.scout.search.mutate({ languages: ["Python"], query: "zzqqxx" });
      await collectRunEvents(limited, runId);
      const response = await fetch(`${limitedApi.url}/api/trpc/scout.search`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
        body: JSON.stringify(filters),
      });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(3500);
      const body = (await response.json()) as { error: { data: { retryAfterSeconds: number } } };
      expect(body.error.data.retryAfterSeconds).toBeGreaterThan(3500);
    } finally {
      await limitedApi.close();
    }
  });
});
