import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimRun, renewLease, requestRunCancel } from "@/server/runs/run-lease";
import { endUnheldRun } from "@/server/runs/recover-interrupted-runs";
import { finishRun } from "@/server/runs/run-writes";
import { seedRunningRun } from "../support/seed-runs";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

const NOW = new Date("2026-03-01T12:00:00Z");
const LATER = new Date(NOW.getTime() + 5_000);
const lease = { owner: "worker-a", leaseMs: 15_000 };

describe.each(storeKinds)("run leases on %s", (kind) => {
  let store: TempStore;
  beforeAll(async () => {
    store = await createTempStore(kind);
  });
  afterAll(() => store.cleanup());

  async function claimedRun(runId: string) {
    await seedRunningRun({ db: store.db, runId, now: NOW });
    expect(await claimRun({ db: store.db, runId, now: NOW, ...lease })).toBe(true);
  }

  it("lets one executor hold a run: a second claim fails until the lease lapses", async () => {
    await claimedRun("held-once");
    expect(
      await claimRun({ db: store.db, runId: "held-once", owner: "worker-b", now: LATER, leaseMs: 15_000 }),
    ).toBe(false);
    const lapsed = new Date(NOW.getTime() + 20_000);
    expect(
      await claimRun({ db: store.db, runId: "held-once", owner: "worker-b", now: lapsed, leaseMs: 15_000 }),
    ).toBe(true);
    expect(await renewLease({ db: store.db, runId: "held-once", now: lapsed, ...lease })).toEqual({
      held: false,
      cancelRequested: false,
    });
  });

  it("keeps the holder's claim after it stores the run's final status, until it lets go", async () => {
    // The terminal event follows the status; a renewal in between must not make the holder drop it.
    await claimedRun("finishing");
    await finishRun({ db: store.db, runId: "finishing", status: "completed", now: LATER });
    expect(await renewLease({ db: store.db, runId: "finishing", now: LATER, ...lease })).toEqual({
      held: true,
      cancelRequested: false,
    });
  });

  it("tells the holder when a cancel was asked for, and when someone else ended the run", async () => {
    await claimedRun("cancelled-elsewhere");
    expect(await requestRunCancel({ db: store.db, runId: "cancelled-elsewhere", now: LATER })).toBe(true);
    expect(await renewLease({ db: store.db, runId: "cancelled-elsewhere", now: LATER, ...lease })).toEqual({
      held: true,
      cancelRequested: true,
    });
    const ended = await endUnheldRun({
      db: store.db,
      runId: "cancelled-elsewhere",
      now: LATER,
      ending: { status: "cancelled", event: { type: "cancelled", message: "Cancelled." } },
    });
    expect(ended?.event.type).toBe("cancelled");
    expect(
      (await renewLease({ db: store.db, runId: "cancelled-elsewhere", now: LATER, ...lease })).held,
    ).toBe(false);
  });
});
