import { TRPCError } from "@trpc/server";
import { addDays, addMinutes } from "date-fns";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import { AppError } from "@/server/errors";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import type { RepositorySource } from "@/server/sources/repository-source";
import { tickWatches } from "@/server/watches/watch-scheduler";
import type { WatchCreateInput } from "@/shared/watches";
import { callerFor, collectRunEvents, typicalProfile } from "../support/scout-harness";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * The embedded server's watch scheduler on SQLite, driven by a fake clock: one run per slot however many
 * schedulers look (another process on the same file, a restart), bad schedules refused with nothing
 * stored, and a watch that keeps failing backing off and saying so.
 */

// Sunday 1 June 2025, noon UTC.
const START = new Date("2025-06-01T12:00:00Z");
const catalog = generateDemoCatalog({ now: START });

let temp: TempDb;
let now: Date;

beforeAll(() => {
  temp = createTempDb();
});
afterAll(() => temp.cleanup());
// One store for the file; each test starts from no watch and no run, at START.
beforeEach(async () => {
  now = START;
  await temp.db.watch.deleteMany();
  await temp.db.searchRun.deleteMany();
  await temp.db.developerProfile.deleteMany();
});

/** A process of the embedded server on the shared store: its own dependencies, the same file and clock. */
function startProcess(source?: RepositorySource): AppDependencies {
  const deps = createAppDependencies({
    env: parseEnv({ SCOUT_SEARCH_RATE_LIMIT: "100", SCOUT_MAX_REPOS: "6" }),
    db: temp.db,
    clock: () => now,
    logger: { error: () => undefined, warn: () => undefined },
    source: source ?? createCatalogSource({ catalog, readmeMaxChars: 2000, now: () => now }),
    analyzer: createHeuristicAnalyzer({ now: () => now }),
  });
  return deps;
}

const dailyAt13: WatchCreateInput = {
  name: "Zig at one",
  filters: { languages: ["Zig"], minStars: 0 },
  schedule: { kind: "daily", hour: 13, timeZone: "UTC" },
};

async function finishRuns(deps: AppDependencies, runIds: readonly string[]) {
  for (const runId of runIds) await collectRunEvents(deps, runId);
}

/** The error a call was refused with: its code, message and each problem's path. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe("watches.create and watches.update", () => {
  it.each([
    ["an impossible date", { kind: "cron", expression: "0 9 30 2 *", timeZone: "UTC" }, "never runs"],
    [
      "a schedule more often than hourly",
      { kind: "cron", expression: "*/30 * * * *", timeZone: "UTC" },
      "once an hour",
    ],
    ["every minute of one hour", { kind: "cron", expression: "* 9 * * *", timeZone: "UTC" }, "once an hour"],
    ["no cron at all", { kind: "cron", expression: "every day", timeZone: "UTC" }, "Not a cron expression"],
    ["an unknown time zone", { kind: "daily", hour: 9, timeZone: "Mars/Olympus" }, "Unknown time zone"],
    ["an hour that is not one", { kind: "daily", hour: 24, timeZone: "UTC" }, "Hour must be 0 to 23"],
    ["a weekday that is not one", { kind: "weekly", weekday: "funday", hour: 9, timeZone: "UTC" }, "Weekday"],
  ] as const)("refuses %s, naming it, and stores nothing", async (_case, schedule, words) => {
    const deps = startProcess();
    const caller = callerFor(deps);
    await caller.profile.save(typicalProfile);

    const refused = await refusal(caller.watches.create({ ...dailyAt13, schedule } as WatchCreateInput));

    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain(words);
    expect(await temp.db.watch.count()).toBe(0);

    const watch = await caller.watches.create(dailyAt13);
    await expect(
      caller.watches.update({ watchId: watch.id, schedule } as Parameters<typeof caller.watches.update>[0]),
    ).rejects.toThrow(words);
    expect((await caller.watches.list()).items[0]?.schedule).toEqual(dailyAt13.schedule);
  });

  it("names the nested field of a bad schedule in the error's data", async () => {
    const caller = callerFor(startProcess());
    const error = await caller.watches
      .create({ ...dailyAt13, schedule: { kind: "cron", expression: "*/5 * * * *", timeZone: "UTC" } })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TRPCError);
    const cause = (error as TRPCError).cause;
    expect(cause && "issues" in cause ? cause.issues : []).toEqual([
      expect.objectContaining({ path: ["schedule", "expression"] }),
    ]);
  });

  it("takes a cron schedule at most hourly, and a weekly one, in their own time zones", async () => {
    const caller = callerFor(startProcess());
    await caller.profile.save(typicalProfile);
    const hourly = await caller.watches.create({
      ...dailyAt13,
      schedule: { kind: "cron", expression: "0 * * * 1-5", timeZone: "Asia/Tokyo" },
    });
    const weekly = await caller.watches.create({
      ...dailyAt13,
      schedule: { kind: "weekly", weekday: "monday", hour: 8, timeZone: "America/Los_Angeles" },
    });
    // Noon UTC on Sunday is 21:00 in Tokyo, so the next weekday hour is Monday 00:00 there.
    expect(hourly.nextRunAt).toBe("2025-06-01T15:00:00.000Z");
    // 08:00 in Los Angeles (UTC-7 in June) on Monday.
    expect(weekly.nextRunAt).toBe("2025-06-02T15:00:00.000Z");
  });

  it("refuses a watch without a profile to rank for, and keeps the one it was given", async () => {
    const caller = callerFor(startProcess());
    await expect(caller.watches.create(dailyAt13)).rejects.toThrow(/Save a developer profile.*profile/);
    expect(await temp.db.watch.count()).toBe(0);

    const watch = await caller.watches.create({ ...dailyAt13, profile: typicalProfile });
    await caller.profile.save({ ...typicalProfile, skillLevel: "advanced" });
    expect((await caller.watches.list()).items.find((item) => item.id === watch.id)?.profile.skillLevel).toBe(
      "intermediate",
    );
  });
});

describe("the scheduler", () => {
  it("starts one run per slot however many schedulers look at once, and after a restart", async () => {
    const first = startProcess();
    const other = startProcess();
    await callerFor(first).profile.save(typicalProfile);
    const watch = await callerFor(first).watches.create(dailyAt13);

    // Before the slot nothing is due.
    now = addMinutes(START, 59);
    expect((await tickWatches(first)).due.started).toEqual([]);

    // At the slot, two processes look three times between them, at once.
    now = addMinutes(START, 60);
    const looks = await Promise.all([tickWatches(first), tickWatches(other), tickWatches(first)]);
    const started = looks.flatMap((look) => look.due.started);
    expect(started).toHaveLength(1);
    await finishRuns(first, started);
    expect((await tickWatches(other)).due.started).toEqual([]);

    // Both stop before the next day's slot; a new process starts 40 minutes after it and runs it then.
    now = addMinutes(addDays(START, 1), 100);
    const restarted = startProcess();
    const late = await tickWatches(restarted);
    expect(late.due.started).toHaveLength(1);
    await finishRuns(restarted, late.due.started);
    expect((await tickWatches(restarted)).due.started).toEqual([]);

    const slots = await temp.db.watchRun.findMany({ orderBy: { slotAt: "asc" } });
    expect(slots.map((slot) => [slot.slotAt.toISOString(), slot.kind, slot.state])).toEqual([
      ["2025-06-01T13:00:00.000Z", "scheduled", "settled"],
      ["2025-06-02T13:00:00.000Z", "scheduled", "settled"],
    ]);
    // Ordinary runs: in the owner's history.
    const history = await callerFor(first).scout.runs();
    expect(history.items.map((run) => run.runId).sort()).toEqual(slots.map((slot) => slot.runId).sort());
    expect((await callerFor(first).watches.list()).items[0]).toMatchObject({
      id: watch.id,
      lastRun: { slotAt: "2025-06-02T13:00:00.000Z", kind: "scheduled", status: "completed" },
      nextRunAt: "2025-06-03T13:00:00.000Z",
    });
  });

  it("owes no run for a slot that passed before the watch existed", async () => {
    const deps = startProcess();
    await callerFor(deps).profile.save(typicalProfile);
    now = addMinutes(START, 90);
    const watch = await callerFor(deps).watches.create(dailyAt13);

    expect((await tickWatches(deps)).due.started).toEqual([]);
    expect(watch.nextRunAt).toBe("2025-06-02T13:00:00.000Z");
  });

  it("runs a watch now on request: an ordinary run, outside the schedule", async () => {
    const deps = startProcess();
    const caller = callerFor(deps);
    await caller.profile.save(typicalProfile);
    const watch = await caller.watches.create(dailyAt13);

    const { runId } = await caller.watches.runNow({ watchId: watch.id });
    await finishRuns(deps, [runId]);
    await tickWatches(deps);

    expect(await caller.scout.results({ runId })).toMatchObject({ status: "completed" });
    expect((await caller.watches.list()).items[0]?.lastRun).toMatchObject({ runId, kind: "manual" });
    expect(await temp.db.watchDigest.count({ where: { watchId: watch.id } })).toBe(1);
    // The slot at 13:00 still runs.
    now = addMinutes(START, 61);
    expect((await tickWatches(deps)).due.started).toHaveLength(1);
  });

  it("backs off a watch whose runs keep failing, says so, and recovers after a success", async () => {
    let failing = true;
    const catalogSource = createCatalogSource({ catalog, readmeMaxChars: 2000, now: () => now });
    const flaky: RepositorySource = {
      ...catalogSource,
      searchRepositories: (filters, options) =>
        failing
          ? Promise.reject(new AppError("UPSTREAM", "GitHub answered 502 Bad Gateway."))
          : catalogSource.searchRepositories(filters, options),
    };
    const deps = startProcess(flaky);
    const caller = callerFor(deps);
    await caller.profile.save(typicalProfile);
    const watch = await caller.watches.create(dailyAt13);

    /** Ticks at 13:00 on the given day after START and settles what that started. */
    const slotOfDay = async (day: number) => {
      now = addMinutes(addDays(START, day), 60);
      const { due } = await tickWatches(deps);
      await finishRuns(deps, due.started);
      await tickWatches(deps);
      return due.started.length;
    };

    expect([await slotOfDay(0), await slotOfDay(1), await slotOfDay(2)]).toEqual([1, 1, 1]);
    const backingOff = (await caller.watches.list()).items[0];
    expect(backingOff?.health).toEqual({
      consecutiveFailures: 3,
      backoffUntil: "2025-06-05T13:00:00.000Z",
      lastError: expect.stringContaining("502") as unknown,
    });
    expect(backingOff?.nextRunAt).toBe("2025-06-05T13:00:00.000Z");
    // The day after the third failure is skipped.
    expect(await slotOfDay(3)).toBe(0);
    // A fourth failure doubles the wait: two slots skipped.
    expect(await slotOfDay(4)).toBe(1);
    expect((await caller.watches.list()).items[0]?.health.backoffUntil).toBe("2025-06-08T13:00:00.000Z");
    expect([await slotOfDay(5), await slotOfDay(6)]).toEqual([0, 0]);

    failing = false;
    expect(await slotOfDay(7)).toBe(1);
    expect((await caller.watches.list()).items[0]).toMatchObject({
      id: watch.id,
      health: { consecutiveFailures: 0, backoffUntil: null, lastError: null },
      nextRunAt: "2025-06-09T13:00:00.000Z",
    });
  });
});
