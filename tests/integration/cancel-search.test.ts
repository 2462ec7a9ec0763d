import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "@/server/logger";
import { cancelSearch } from "@/server/pipeline/cancel-search";
import { RunRegistry } from "@/server/pipeline/run-registry";
import { finishRun } from "@/server/runs/run-writes";
import { seedRunningRun } from "../support/seed-runs";
import { createTempDb, type TempDb } from "../support/temp-db";

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

/** A running search whose pipeline stops as soon as it is cancelled, as the real one does. */
async function startQuietRun(registry: RunRegistry, runId: string) {
  await seedRunningRun({ db: temp.db, runId, now: NOW });
  const controller = registry.register(runId);
  controller.signal.addEventListener("abort", () => {
    void finishRun({ db: temp.db, runId, status: "cancelled", now: NOW }).then(() => {
      registry.finish(runId);
    });
  });
}

describe("cancelSearch", () => {
  it("returns once the run has wound down, leaving no timer behind", async () => {
    const registry = new RunRegistry();
    await startQuietRun(registry, "run-to-cancel");
    // Only the timer functions are faked: the database keeps its real clock.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });

    const outcome = await cancelSearch({ deps: { db: temp.db, registry, logger }, runId: "run-to-cancel" });

    expect(outcome).toEqual({ runId: "run-to-cancel", status: "cancelled" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops waiting for a run that does not wind down, and says it is still running", async () => {
    const registry = new RunRegistry();
    await seedRunningRun({ db: temp.db, runId: "stuck-run", now: NOW });
    registry.register("stuck-run");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });

    const cancelling = cancelSearch({ deps: { db: temp.db, registry, logger }, runId: "stuck-run" });
    await vi.waitFor(() => {
      expect(vi.getTimerCount()).toBe(1);
    });
    await vi.runAllTimersAsync();

    expect(await cancelling).toEqual({ runId: "stuck-run", status: "running" });
    expect(vi.getTimerCount()).toBe(0);
  });
});
