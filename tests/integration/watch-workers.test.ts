import { addDays, addMinutes } from "date-fns";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/env";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import { closeAppDependencies, createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import { migrateStore } from "@/server/db/migrate-store";
import { WATCH_TICK_QUEUE } from "@/server/hosted/job-queue";
import { startWatchTickWorker } from "@/server/hosted/watch-tick-worker";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { tickWatches, WATCH_TICK_CRON } from "@/server/watches/watch-scheduler";
import { startWorkerFor } from "@/server/worker";
import { callerFor, collectRunEvents, typicalProfile } from "../support/scout-harness";
import { createEmptyPostgresDatabase, type EmptyPostgresDatabase } from "../support/temp-db";

/**
 * The hosted mode's watch scheduler: workers on one PostgreSQL database, each taking the queue's ticks.
 * However many of them look at a slot, and across a restart, a slot runs once.
 */

const START = new Date("2025-06-01T12:00:00Z");
const catalog = generateDemoCatalog({ now: START });
const quiet = { error: () => undefined, warn: () => undefined };

let database: EmptyPostgresDatabase;
let now: Date;
const processes: { deps: AppDependencies; stop: () => Promise<void> }[] = [];

beforeEach(async () => {
  now = START;
  database = await createEmptyPostgresDatabase();
  await migrateStore({ databaseUrl: database.databaseUrl });
});
afterEach(async () => {
  await Promise.all(processes.splice(0).map((process) => process.stop()));
  await database.drop();
});

/**
 * A worker process: its own connections and a run worker on the shared database. Its watch ticks are the
 * test's to drive (SCOUT_WATCH_SCHEDULER=0), so a minute turning during the test starts nothing by itself.
 */
async function startWorkerProcess(): Promise<AppDependencies> {
  const deps = createAppDependencies({
    env: parseEnv({
      DATABASE_URL: database.databaseUrl,
      SCOUT_MAX_REPOS: "6",
      SCOUT_SEARCH_RATE_LIMIT: "100",
      SCOUT_WATCH_SCHEDULER: "0",
    }),
    clock: () => now,
    source: createCatalogSource({ catalog, readmeMaxChars: 2000, now: () => now }),
    analyzer: createHeuristicAnalyzer({ now: () => now }),
    logger: quiet,
  });
  await deps.hosted?.notifier.ready;
  const worker = await startWorkerFor(deps);
  const entry = {
    deps,
    stop: async () => {
      await worker.stop();
      await closeAppDependencies(deps);
    },
  };
  processes.push(entry);
  return deps;
}

async function stopProcess(deps: AppDependencies) {
  const index = processes.findIndex((process) => process.deps === deps);
  const [entry] = processes.splice(index, 1);
  await entry?.stop();
}

const watchInput = {
  name: "Zig at one",
  filters: { languages: ["Zig"], minStars: 0 },
  schedule: { kind: "daily" as const, hour: 13, timeZone: "UTC" },
};

describe("watches in the hosted mode", () => {
  it("start one run per slot with two workers looking at once, and after a restart across the slot", async () => {
    const [one, two] = [await startWorkerProcess(), await startWorkerProcess()];
    await callerFor(one).profile.save(typicalProfile);
    await callerFor(one).watches.create(watchInput);

    now = addMinutes(START, 60);
    const looks = await Promise.all([tickWatches(one), tickWatches(two), tickWatches(one), tickWatches(two)]);
    const started = looks.flatMap((look) => look.due.started);
    expect(started).toHaveLength(1);
    // Executed by whichever worker took its job.
    for (const runId of started) await collectRunEvents(two, runId);

    // Both workers stop before the next slot; two new ones start 20 minutes after it.
    await stopProcess(one);
    await stopProcess(two);
    now = addMinutes(addDays(START, 1), 80);
    const [three, four] = [await startWorkerProcess(), await startWorkerProcess()];
    const late = await Promise.all([tickWatches(three), tickWatches(four)]);
    const lateStarted = late.flatMap((look) => look.due.started);
    expect(lateStarted).toHaveLength(1);
    for (const runId of lateStarted) await collectRunEvents(three, runId);
    await Promise.all([tickWatches(three), tickWatches(four)]);

    const slots = await three.db.watchRun.findMany({ orderBy: { slotAt: "asc" } });
    expect(slots.map((slot) => [slot.slotAt.toISOString(), slot.state])).toEqual([
      ["2025-06-01T13:00:00.000Z", "settled"],
      ["2025-06-02T13:00:00.000Z", "settled"],
    ]);
    expect(await three.db.searchRun.count()).toBe(2);
    expect(await three.db.watchDigest.count()).toBe(1);
  });

  it("ticks from pg-boss's own cron schedule, taken by one worker", async () => {
    const deps = await startWorkerProcess();
    const queue = deps.hosted?.queue;
    if (!queue) throw new Error("the hosted mode has a job queue");
    await callerFor(deps).profile.save(typicalProfile);
    await callerFor(deps).watches.create(watchInput);
    now = addMinutes(START, 61);
    const taken: number[] = [];
    const ticker = await startWatchTickWorker({
      queue,
      tick: async () => {
        taken.push((await tickWatches(deps)).due.started.length);
      },
      logger: quiet,
      pollMs: 50,
    });
    const boss = await queue.boss();
    expect(await boss.getSchedules()).toEqual([
      expect.objectContaining({ name: WATCH_TICK_QUEUE, cron: WATCH_TICK_CRON, timezone: "UTC" }),
    ]);
    try {
      // The job pg-boss's cron sends at each minute, sent now rather than waited for.
      await boss.send(WATCH_TICK_QUEUE, {});
      await vi.waitFor(
        () => {
          expect(taken).toEqual([1]);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      await ticker.stop();
    }
    expect(await deps.db.watchRun.count()).toBe(1);
  });
});
