import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "@/server/logger";
import { cancelSearch, type CancelSearchDeps } from "@/server/pipeline/cancel-search";
import { createInProcessRunEventBus } from "@/server/pipeline/run-event-bus";
import { RunRegistry } from "@/server/pipeline/run-registry";
import { readRunEvents } from "@/server/runs/run-events";
import { claimRun } from "@/server/runs/run-lease";
import { finishRun } from "@/server/runs/run-writes";
import { seedRunningRun } from "../support/seed-runs";
import { createTempDb, type TempDb } from "../support/temp-db";
import { LOCAL_USER_ID } from "@/server/auth/viewer";

const NOW = new Date("2025-06-01T12:00:00Z");
const logger: Logger = { error: () => undefined, warn: () => undefined };

let temp: TempDb;

beforeEach(() => {
  temp = createTempDb();
});
afterEach(async () => {
  vi.useRealTimers();
  await temp.cleanup();
});

/** Cancel's dependencies, with a registry standing in for this process's executor. */
function cancelDeps(registry: RunRegistry): CancelSearchDeps {
  const events = createInProcessRunEventBus();
  return {
    db: temp.db,
    logger,
    clock: () => NOW,
    events,
    dispatcher: {
      dispatch: () => Promise.resolve(),
      signalCancel: (runId) => {
        registry.cancel(runId);
        return Promise.resolve();
      },
    },
  };
}

/** A running search held by an executor here, whose pipeline stops as soon as it is cancelled. */
async function startQuietRun(registry: RunRegistry, deps: CancelSearchDeps, runId: string) {
  await seedRunningRun({ db: temp.db, runId, now: NOW });
  await claimRun({ db: temp.db, runId, owner: "this-process", now: NOW, leaseMs: 60_000 });
  const controller = registry.register(runId);
  controller.signal.addEventListener("abort", () => {
    void finishRun({ db: temp.db, runId, status: "cancelled", now: NOW }).then(async () => {
      registry.finish(runId);
      await deps.events.announceEnded(runId);
    });
  });
}

describe("cancelSearch", () => {
  it("returns once the run has wound down, leaving no timer behind", async () => {
    const registry = new RunRegistry();
    const deps = cancelDeps(registry);
    await startQuietRun(registry, deps, "run-to-cancel");
    // Only the timer functions are faked: the database keeps its real clock.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });

    const outcome = await cancelSearch({ deps, runId: "run-to-cancel", userId: LOCAL_USER_ID });

    expect(outcome).toEqual({ runId: "run-to-cancel", status: "cancelled" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops waiting for a run whose executor does not wind it down, and says it is still running", async () => {
    const registry = new RunRegistry();
    const deps = cancelDeps(registry);
    await seedRunningRun({ db: temp.db, runId: "stuck-run", now: NOW });
    await claimRun({ db: temp.db, runId: "stuck-run", owner: "a-stuck-worker", now: NOW, leaseMs: 60_000 });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });

    const cancelling = cancelSearch({ deps, runId: "stuck-run", userId: LOCAL_USER_ID });
    await vi.waitFor(() => {
      expect(vi.getTimerCount()).toBe(1);
    });
    await vi.runAllTimersAsync();

    expect(await cancelling).toEqual({ runId: "stuck-run", status: "running" });
    expect(vi.getTimerCount()).toBe(0);
    // The request is stored: the worker sees it at its next lease renewal.
    const row = await temp.db.searchRun.findUnique({
      where: { id: "stuck-run" },
      select: { cancelRequestedAt: true },
    });
    expect(row?.cancelRequestedAt).not.toBeNull();
  });

  it("ends a run no executor has taken yet at once, with its one terminal event", async () => {
    const registry = new RunRegistry();
    const deps = cancelDeps(registry);
    await seedRunningRun({ db: temp.db, runId: "queued-run", now: NOW });

    expect(await cancelSearch({ deps, runId: "queued-run", userId: LOCAL_USER_ID })).toEqual({
      runId: "queued-run",
      status: "cancelled",
    });
    const log = await readRunEvents({ db: temp.db, logger, runId: "queued-run", afterSeq: 0 });
    expect(log.map((entry) => entry.event.type)).toEqual(["cancelled"]);
    // Nobody can take it up afterwards.
    expect(await claimRun({ db: temp.db, runId: "queued-run", owner: "late", now: NOW, leaseMs: 1000 })).toBe(
      false,
    );
  });

  it("leaves a finished run as it is", async () => {
    const registry = new RunRegistry();
    const deps = cancelDeps(registry);
    await seedRunningRun({ db: temp.db, runId: "done-run", now: NOW });
    await finishRun({ db: temp.db, runId: "done-run", status: "completed", now: NOW });

    expect(await cancelSearch({ deps, runId: "done-run", userId: LOCAL_USER_ID })).toEqual({
      runId: "done-run",
      status: "completed",
    });
  });
});
