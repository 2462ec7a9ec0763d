import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { driveRun } from "@/server/pipeline/drive-run";
import { getRunResult } from "@/server/pipeline/get-run-result";
import { readRunEvents } from "@/server/runs/run-events";
import { endUnheldRun } from "@/server/runs/recover-interrupted-runs";
import { streamRunEvents } from "@/server/pipeline/stream-run-events";
import { seedRunningRun } from "../support/seed-runs";
import { recoverAndPrune } from "@/server/app-dependencies";
import type { ScoutEvent } from "@/shared/events";
import {
  HARNESS_NOW,
  callerFor,
  collectRunEvents,
  startHarness,
  typicalProfile,
  waitForRunEvent,
  type Harness,
} from "../support/scout-harness";
import { LOCAL_USER_ID } from "@/server/auth/viewer";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(() => harness.reset());

async function startRun(
  filters: Parameters<ReturnType<typeof callerFor>["scout"]["search"]>[0],
  deps = harness.deps(),
) {
  const caller = callerFor(deps);
  await caller.profile.save(typicalProfile);
  const { runId } = await caller.scout.search(filters);
  return { caller, deps, runId };
}

const types = (events: ScoutEvent[]) => events.map((event) => event.type);

describe("the search pipeline", () => {
  it("streams the phases in order, then each result with its progress, then the complete result", async () => {
    const { deps, runId } = await startRun({ languages: ["Python"], minStars: 0 });
    const events = await collectRunEvents(deps, runId);

    const statuses = events.filter((event) => event.type === "status").map((event) => event.message);
    expect(statuses.slice(0, 5)).toEqual([
      "Searching GitHub...",
      "Discovered 181 repositories",
      "Filtering candidates...",
      // The filter drops the catalog's example collections too (e.g. silhal-hq/python-examples); one whose
      // metadata leaves doubt (ttamar/python-examples) waits for its tree and README instead.
      "161 repos passed filters",
      "Fetching READMEs and starter issues for 20 repos...",
    ]);
    expect(statuses.at(-1)).toBe("Saving results...");
    const progress = events.filter((event) => event.type === "progress");
    // Each analysis is its own event the moment the analyzer has it, and the count rises with each one.
    expect(progress.map((event) => event.message)).toEqual(
      Array.from({ length: 20 }, (_, index) => `Analyzed ${index + 1}/20 repos...`),
    );
    const streamed = events.filter((event) => event.type === "results");
    expect(streamed).toHaveLength(20);
    expect(streamed.every((event) => event.results.length === 1)).toBe(true);
    expect(types(events).indexOf("results")).toBeLessThan(types(events).indexOf("complete"));
    expect(types(events).at(-1)).toBe("complete");
    expect(types(events).filter((type) => type === "complete")).toHaveLength(1);

    const complete = events.at(-1) as Extract<ScoutEvent, { type: "complete" }>;
    expect(complete.data).toMatchObject({
      runId,
      status: "completed",
      totalDiscovered: 181,
      totalFiltered: 161,
      totalAnalyzed: 20,
      skipped: [],
    });
    expect(complete.data.repos).toHaveLength(20);
    const scores = complete.data.results.map((result) => result.fitScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(complete.data.results.every((result) => !result.reject)).toBe(true);
    expect(complete.data.usage.githubRequests).toBe(2 + 1);
    expect(complete.data.usage.llmInputTokens).toBeGreaterThan(0);
    expect(harness.openai.requests).toHaveLength(4);
  });

  it("ends with an error event when GitHub finds nothing", async () => {
    const { deps, runId } = await startRun({ languages: ["Python"], query: "zzqqxx" });
    const events = await collectRunEvents(deps, runId);
    expect(events.at(-1)).toMatchObject({ type: "error", reason: "no-repositories" });
    expect(await getRunResult({ ...deps, runId, access: "server" })).toMatchObject({
      status: "completed",
      totalDiscovered: 0,
      results: [],
    });
  });

  it("ends with an error event when every repository is filtered out", async () => {
    const { deps, runId } = await startRun({ languages: ["Python"], minStars: 0, query: "tutorial" });
    const events = await collectRunEvents(deps, runId);
    expect(events.at(-1)).toMatchObject({ type: "error", reason: "all-filtered" });
    expect(await getRunResult({ ...deps, runId, access: "server" })).toMatchObject({
      status: "completed",
      totalDiscovered: 3,
      totalFiltered: 0,
    });
    expect(harness.openai.requests).toHaveLength(0);
  });

  it("marks the run partial and lists the skipped repos when one batch fails", async () => {
    harness.openai.inject({ kind: "server-error" });
    const { deps, runId } = await startRun({ languages: ["Python"], minStars: 0 });
    const events = await collectRunEvents(deps, runId);
    const complete = events.at(-1) as Extract<ScoutEvent, { type: "complete" }>;
    expect(complete.type).toBe("complete");
    expect(complete.data.status).toBe("partial");
    expect(complete.data.skipped).toHaveLength(5);
    expect(complete.data.totalAnalyzed).toBe(15);
    expect(
      events.some((event) => event.type === "warning" && event.message.includes("failed; skipped")),
    ).toBe(true);
  });

  it("skips a batch that times out and goes on with the others", async () => {
    harness.openai.inject({ kind: "delay", ms: 5_000 });
    const deps = harness.deps({ env: { SCOUT_ANALYSIS_TIMEOUT_MS: "400" } });
    const { runId } = await startRun({ languages: ["Python"], minStars: 0 }, deps);
    const events = await collectRunEvents(deps, runId);
    const complete = events.at(-1) as Extract<ScoutEvent, { type: "complete" }>;
    expect(complete.data.status).toBe("partial");
    expect(complete.data.skipped).toHaveLength(5);
    expect(complete.data.totalAnalyzed).toBe(15);
    expect(
      events.some((event) => event.type === "warning" && event.message.includes("timed out; skipped")),
    ).toBe(true);
  });

  it("gives each analysis batch the pipeline's timeout and no other", async () => {
    harness.openai.inject({ kind: "delay", ms: 1_000 }, { times: 1 });
    // The analyzer is the one the app builds from this environment, which says 300 ms; the pipeline's
    // setting says 10 s. Only the pipeline's deadline applies, so the slow batch still counts.
    const deps = harness.deps({
      env: { SCOUT_ANALYSIS_TIMEOUT_MS: "300" },
      analyzer: undefined,
      settings: {
        maxRepos: 20,
        analysisBatchSize: 5,
        analysisBatchConcurrency: 2,
        analysisTimeoutMs: 10_000,
        runTimeoutMs: 600_000,
      },
    });
    const { runId } = await startRun({ languages: ["Python"], minStars: 0 }, deps);
    const events = await collectRunEvents(deps, runId);
    expect(events.at(-1)).toMatchObject({
      type: "complete",
      data: { status: "completed", skipped: [], totalAnalyzed: 20 },
    });
  });

  it("keeps what discovery found when GitHub's rate limit hits mid-search, and warns", async () => {
    // Spent for every search after the first page (the details queries, which come later, still answer).
    harness.github.inject({
      kind: "rate-limit",
      resetInSeconds: 3600,
      after: 1,
      times: Infinity,
      only: "searches",
    });
    const { deps, runId } = await startRun({ languages: ["Python", "TypeScript"], minStars: 0 });
    const events = await collectRunEvents(deps, runId);
    expect(events.some((event) => event.type === "warning" && /rate limit/i.test(event.message))).toBe(true);
    const complete = events.at(-1) as Extract<ScoutEvent, { type: "complete" }>;
    expect(complete.type).toBe("complete");
    expect(complete.data.totalDiscovered).toBe(100);
    expect(complete.data.warnings.some((warning) => /rate limit/i.test(warning))).toBe(true);
    expect(complete.data.results.length).toBeGreaterThan(0);
  });

  it("shows a repository's analysis while its batch's answer is still being written", async () => {
    // About 1.2 s per repository's verdict: a batch of five takes 6 s to write out.
    harness.openai.setStreaming({ tokensPerSecond: 100 });
    const { caller, deps, runId } = await startRun(
      { languages: ["Python"], minStars: 0 },
      harness.deps({ env: { SCOUT_ANALYSIS_TIMEOUT_MS: "30000" } }),
    );

    await waitForRunEvent(deps, runId, (event) => event.type === "results");
    expect(harness.openai.requests.some((request) => request.outcome === "pending")).toBe(true);
    expect(await caller.scout.cancel({ runId })).toEqual({ runId, status: "cancelled" });
  });

  it("analyzes the first group of candidates while a later group's details are still on their way", async () => {
    // Three details queries of 20 side by side, after however many search pages: the third never answers.
    harness.github.inject({ kind: "hang", after: 2, only: "non-searches" });
    const { caller, deps, runId } = await startRun(
      { languages: ["Python", "TypeScript"], minStars: 0 },
      harness.deps({ env: { SCOUT_MAX_REPOS: "50" } }),
    );

    await waitForRunEvent(deps, runId, (event) => event.type === "results");
    const details = harness.github
      .graphqlRequests()
      .filter((request) => !request.graphql?.query.includes("search("));
    expect(details.map((request) => request.outcome)).toContain("pending");
    expect(await caller.scout.cancel({ runId })).toEqual({ runId, status: "cancelled" });
    const events = await collectRunEvents(deps, runId);
    expect(events.filter((event) => ["complete", "error", "cancelled"].includes(event.type))).toEqual([
      { type: "cancelled", message: "The search was cancelled." },
    ]);
    const counts = events.flatMap((event) => (event.type === "progress" ? [event.analyzed] : []));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  describe("cancellation", () => {
    it("during discovery aborts the GitHub request in flight", async () => {
      harness.github.inject({ kind: "latency", ms: 10_000 });
      const { caller, deps, runId } = await startRun({ languages: ["Python"], minStars: 0 });
      await harness.github.waitFor((requests) => requests.some((request) => request.graphql !== null));
      expect(await caller.scout.cancel({ runId })).toEqual({ runId, status: "cancelled" });
      const events = await collectRunEvents(deps, runId);
      expect(events.at(-1)?.type).toBe("cancelled");
      await harness.github.waitFor((requests) =>
        requests.some((request) => request.outcome === "client-closed"),
      );
    });

    it("while fetching READMEs", async () => {
      harness.github.inject({ kind: "latency", ms: 10_000, only: "non-searches" });
      const { caller, deps, runId } = await startRun({ languages: ["Python"], minStars: 0 });
      await waitForRunEvent(deps, runId, (event) => event.type === "status" && event.phase === "fetching");
      await harness.github.waitFor((requests) =>
        requests.some((request) => request.graphql && !request.graphql.query.includes("search(")),
      );
      expect((await caller.scout.cancel({ runId })).status).toBe("cancelled");
      expect((await collectRunEvents(deps, runId)).at(-1)?.type).toBe("cancelled");
      await harness.github.waitFor((requests) =>
        requests.some((request) => request.outcome === "client-closed"),
      );
      expect(harness.openai.requests).toHaveLength(0);
    });

    it("mid-analysis keeps the results saved so far and aborts the LLM calls in flight", async () => {
      const deps = harness.deps({ env: { SCOUT_BATCH_CONCURRENCY: "1" } });
      harness.openai.inject(
        { kind: "delay", ms: 10_000 },
        { when: (request) => harness.openai.requests.indexOf(request) >= 1, times: 5 },
      );
      const { caller, runId } = await startRun({ languages: ["Python"], minStars: 0 }, deps);
      await waitForRunEvent(deps, runId, (event) => event.type === "results");
      await harness.openai.waitForRequests(2);
      expect((await caller.scout.cancel({ runId })).status).toBe("cancelled");
      await harness.openai.waitForClientCloses(1);
      const events = await collectRunEvents(deps, runId);
      expect(events.at(-1)?.type).toBe("cancelled");
      const result = await caller.scout.results({ runId });
      expect(result.status).toBe("cancelled");
      expect(result.totalAnalyzed).toBe(5);
    });
  });

  it("ends a run whose events stop without a terminal one as failed, with the reason", async () => {
    const deps = harness.deps();
    const runId = "run-without-an-ending";
    await seedRunningRun({ db: deps.db, runId, now: HARNESS_NOW });
    async function* brokenPipeline(): AsyncGenerator<ScoutEvent> {
      yield { type: "status", phase: "discovering", message: "Searching GitHub..." };
      await Promise.resolve();
      throw new Error("the pipeline broke down");
    }

    await driveRun({ ...deps, bus: deps.events, runId, events: brokenPipeline() });

    const log = await readRunEvents({ ...deps, runId, afterSeq: 0 });
    expect(log.map((entry) => entry.event.type)).toEqual(["status", "error"]);
    expect(log.at(-1)?.event).toMatchObject({ type: "error", reason: "failed" });
    expect((await getRunResult({ ...deps, runId, access: "server" })).status).toBe("failed");
  });

  it("stores an analysis's results with the progress count after them, and announces them as one", async () => {
    const deps = harness.deps();
    const runId = "run-with-grouped-events";
    await seedRunningRun({ db: deps.db, runId, now: HARNESS_NOW });
    const verdict = (repo: string) => ({
      type: "results" as const,
      results: [{ repo, fitScore: 7, reason: "Fits", contributions: [], reject: false, rejectReason: null }],
    });
    let releaseProgress: () => void = () => undefined;
    async function* pipeline(): AsyncGenerator<ScoutEvent> {
      yield { type: "status", phase: "analyzing", message: "Analyzing..." };
      yield verdict("a/one");
      yield verdict("a/two");
      yield { type: "progress", phase: "analyzing", analyzed: 2, total: 3, message: "Analyzed 2/3 repos..." };
      yield verdict("a/three");
      // A progress count that is slow to follow still lands, after its results, in the same write.
      await new Promise<void>((resolve) => {
        releaseProgress = resolve;
      });
      yield { type: "progress", phase: "analyzing", analyzed: 3, total: 3, message: "Analyzed 3/3 repos..." };
      yield { type: "cancelled", message: "Search cancelled." };
    }
    const announced: number[][] = [];
    const bus = {
      ...deps.events,
      announce: async (id: string, ...entries: { seq: number; event: ScoutEvent }[]) => {
        announced.push(entries.map((entry) => entry.seq));
        await deps.events.announce(id, ...entries);
      },
    };

    const driving = driveRun({ ...deps, bus, runId, events: pipeline() });
    await vi.waitFor(() => {
      expect(announced).toEqual([[1], [2, 3, 4]]);
    });
    releaseProgress();
    await driving;

    expect(announced).toEqual([[1], [2, 3, 4], [5, 6], [7]]);
    const log = await readRunEvents({ ...deps, runId, afterSeq: 0 });
    expect(log.map((entry) => [entry.seq, entry.event.type])).toEqual([
      [1, "status"],
      [2, "results"],
      [3, "results"],
      [4, "progress"],
      [5, "results"],
      [6, "progress"],
      [7, "cancelled"],
    ]);
  });

  it("gives a subscriber the end of a run that ended just after it read the log", async () => {
    const deps = harness.deps();
    const runId = "run-ended-mid-subscribe";
    await seedRunningRun({ db: deps.db, runId, now: HARNESS_NOW });
    const ending = { type: "error", message: "The search was interrupted.", reason: "interrupted" } as const;
    // The subscriber has read an empty log; the run ends before it asks for the run's status.
    let endedYet = false;
    const runs = deps.db.searchRun;
    const findFirstOnceEnded = async (args: Parameters<typeof runs.findFirst>[0]) => {
      if (!endedYet) {
        endedYet = true;
        await endUnheldRun({
          db: deps.db,
          runId,
          now: HARNESS_NOW,
          ending: { status: "interrupted", event: ending },
        });
      }
      return runs.findFirst(args);
    };
    const db = new Proxy(deps.db, {
      get: (target, property) =>
        property === "searchRun"
          ? new Proxy(runs, {
              get: (models, name) =>
                name === "findFirst" ? findFirstOnceEnded : (Reflect.get(models, name) as unknown),
            })
          : (Reflect.get(target, property) as unknown),
    });

    const received: ScoutEvent[] = [];
    for await (const { event } of streamRunEvents({ ...deps, db, runId, afterSeq: 0 })) received.push(event);

    expect(endedYet).toBe(true);
    expect(received).toEqual([ending]);
  });

  it("marks a run left running by a dead process as interrupted, keeping what it saved", async () => {
    const deps = harness.deps();
    const runId = "dead-process-run";
    await deps.db.searchRun.create({
      data: {
        id: runId,
        userId: LOCAL_USER_ID,
        status: "running",
        filters: {
          languages: ["Go"],
          minStars: 10,
          maxStars: 500000,
          topics: [],
          pushedAfter: null,
          license: null,
          query: "",
        },
        candidateIds: [],
        skipped: [],
        warnings: [],
      },
    });
    await deps.db.runEvent.create({
      data: {
        runId,
        seq: 1,
        type: "status",
        payload: { type: "status", phase: "discovering", message: "Searching GitHub..." },
      },
    });

    await recoverAndPrune(deps);

    expect((await getRunResult({ ...deps, runId, access: "server" })).status).toBe("interrupted");
    const log = await readRunEvents({ ...deps, runId, afterSeq: 0 });
    expect(log.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(log.at(-1)?.event).toMatchObject({ type: "error", reason: "interrupted" });
  });
});
