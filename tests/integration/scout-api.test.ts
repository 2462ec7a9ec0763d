import { TRPCError } from "@trpc/server";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createScoutClient } from "@/client";
import type { ScoutEvent } from "@/server/schemas";
import type { Services } from "@/server/services";
import { serveApi } from "../support/http-app";
import {
  callerFor,
  collectRunEvents,
  startHarness,
  typicalProfile,
  waitForRunEvent,
  type Harness,
} from "../support/scout-harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(() => {
  harness.github.reset();
  harness.openai.reset();
});

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

async function withProfile(services: Services) {
  const caller = callerFor(services);
  await caller.profile.save(typicalProfile);
  return caller;
}

const filters = { languages: ["Python"], minStars: 0 };

describe("scout.search", () => {
  it("returns a run id at once and runs the search in the background", async () => {
    const services = harness.services();
    const caller = await withProfile(services);
    const started = await caller.scout.search(filters);
    expect(started).toEqual({ runId: expect.any(String) as string, status: "running" });
    expect((await collectRunEvents(services, started.runId)).at(-1)?.type).toBe("complete");
  });

  it("asks for a profile first", async () => {
    const services = harness.services();
    await services.db.developerProfile.deleteMany();
    const error = await errorOf(callerFor(services).scout.search(filters));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Save a developer profile before searching");
  });

  it("names the first invalid filter", async () => {
    const caller = await withProfile(harness.services());
    expect((await errorOf(caller.scout.search({ languages: [] }))).message).toBe(
      "Select at least one language",
    );
    expect(
      (await errorOf(caller.scout.search({ languages: ["Go"], minStars: 100, maxStars: 10 }))).message,
    ).toBe("Maximum stars must be at least the minimum");
  });

  it("refuses a search GitHub would refuse as too long, creating no run and spending no hourly search", async () => {
    const services = harness.services({ env: { SCOUT_SEARCH_RATE_LIMIT: "1" } });
    const api = await serveApi(services);
    try {
      const client = createScoutClient(api.url);
      await client.profile.save.mutate(typicalProfile);
      const runsBefore = await services.db.searchRun.count();
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
      expect(await services.db.searchRun.count()).toBe(runsBefore);
      expect(harness.github.requests).toHaveLength(0);

      // The one search this client may run this hour is still there.
      const { runId } = await client.scout.search.mutate({ ...tooLong, query: "zzqqxx" });
      await collectRunEvents(services, runId);
    } finally {
      await api.close();
    }
  });

  it("refuses a second search while one is running", async () => {
    harness.openai.inject({ kind: "delay", ms: 10_000 }, { times: 10 });
    const services = harness.services();
    const caller = await withProfile(services);
    const { runId } = await caller.scout.search(filters);
    const error = await errorOf(caller.scout.search(filters));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/^A search is already running/);
    await caller.scout.cancel({ runId });
  });

  it("refuses the sixth search in an hour from one client, with a retry-after, but not another client's", async () => {
    const services = harness.services();
    const caller = await withProfile(services);
    for (let index = 0; index < 5; index += 1) {
      const { runId } = await caller.scout.search({ languages: ["Python"], query: "zzqqxx" });
      await collectRunEvents(services, runId);
    }
    const error = await errorOf(caller.scout.search(filters));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/limit of 5 searches per hour/);
    const cause = error.cause as { retryAfterSeconds?: number };
    expect(cause.retryAfterSeconds).toBeGreaterThan(3500);
    const other = await callerFor(services, "10.0.0.2").scout.search({
      languages: ["Python"],
      query: "zzqqxx",
    });
    await collectRunEvents(services, other.runId);
  });
});

describe("scout.results, cancel, runs", () => {
  it("returns the ranked results without the rejected ones, also mid-run", async () => {
    const services = harness.services();
    const caller = await withProfile(services);
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
              }
            : {
                repo,
                fitScore: (index * 37) % 11,
                reason: "Matches your stack.",
                contributions: ["Fix a bug"],
                reject: false,
                rejectReason: null,
              },
        ),
      };
    });
    const { runId } = await caller.scout.search(filters);
    await waitForRunEvent(services, runId, (event) => event.type === "results");
    const midRun = await caller.scout.results({ runId });
    expect(midRun.results.length).toBeGreaterThan(0);

    await collectRunEvents(services, runId);
    const result = await caller.scout.results({ runId });
    expect(result.status).toBe("completed");
    expect(result.totalAnalyzed).toBe(20);
    expect(result.results).toHaveLength(16);
    expect(result.results.every((entry) => !entry.reject)).toBe(true);
    const scores = result.results.map((entry) => entry.fitScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("answers NOT_FOUND for an unknown run", async () => {
    const caller = callerFor(harness.services());
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
    const services = harness.services();
    const caller = await withProfile(services);
    const { runId } = await caller.scout.search({ languages: ["Python"], query: "zzqqxx" });
    await collectRunEvents(services, runId);
    expect(await caller.scout.cancel({ runId })).toEqual({ runId, status: "completed" });
  });

  it("lists runs newest first, a page at a time", async () => {
    const services = harness.services();
    const caller = callerFor(services);
    const all = await caller.scout.runs({ limit: 100 });
    expect(all.items.length).toBeGreaterThan(3);
    const first = await caller.scout.runs({ limit: 2 });
    const second = await caller.scout.runs({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect([...first.items, ...second.items].map((run) => run.runId)).toEqual(
      all.items.slice(0, 4).map((run) => run.runId),
    );
    const starts = all.items.map((run) => run.startedAt);
    expect(starts).toEqual([...starts].sort().reverse());
    const completed = all.items.find((run) => run.status === "completed" && run.totalAnalyzed > 0);
    expect(completed?.topScore).toEqual(expect.any(Number));
    expect(completed?.filters.languages).toEqual(["Python"]);
  });
});

describe("scout.stream over HTTP", () => {
  let api: { url: string; close: () => Promise<void> };
  let services: Services;

  beforeAll(async () => {
    services = harness.services({ env: { SCOUT_SEARCH_RATE_LIMIT: "100" } });
    api = await serveApi(services);
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

    const resumeFrom = first[5]?.id;
    const resumed = await subscribe(runId, resumeFrom);
    expect(resumed.map((entry) => entry.id)).toEqual(first.slice(6).map((entry) => entry.id));

    const replay = await subscribe(runId);
    expect(replay).toEqual(first);
    expect(await subscribe(runId, first.at(-1)?.id)).toEqual([]);
  });

  it("returns NOT_FOUND to a subscriber of an unknown run", async () => {
    await expect(subscribe("unknown-run")).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
  });

  it("carries Retry-After on a refused search", async () => {
    const limited = harness.services({ env: { SCOUT_SEARCH_RATE_LIMIT: "1" } });
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
