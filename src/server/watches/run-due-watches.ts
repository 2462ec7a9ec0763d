import type { StartSearchDeps } from "@/server/pipeline/start-search";
import { scheduleCron } from "@/shared/watches";
import { startWatchRun } from "./start-watch-run";
import { readWatchRow, type StoredWatch } from "./watch-store";

/**
 * The latest slot of the schedule at or before `now`. A slot missed while no scheduler ran (a restart across
 * it) is still the latest one when the next look comes, so it runs late rather than never; older missed
 * slots are not made up, since one run covers them all.
 */
export function latestSlotAtOrBefore(watch: Pick<StoredWatch, "schedule">, now: Date): Date | null {
  return scheduleCron(watch.schedule).previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

/** Whether the watch owes a run for `slot`: it existed then, is not backing off, and has not run it yet. */
function owesRun(watch: StoredWatch, slot: Date, lastScheduledSlot: Date | undefined): boolean {
  if (slot.getTime() < watch.createdAt.getTime()) return false;
  if (watch.backoffUntil && slot.getTime() < watch.backoffUntil.getTime()) return false;
  return !lastScheduledSlot || lastScheduledSlot.getTime() < slot.getTime();
}

export type DueWatchesOutcome = { started: string[]; deferred: number; refused: number };

/**
 * Starts the run of every watch whose latest slot is due and not yet claimed. Any number of schedulers may
 * call this at once (every worker in the hosted mode): the slot's unique row lets one through.
 */
export async function runDueWatches({ deps }: { deps: StartSearchDeps }): Promise<DueWatchesOutcome> {
  const { db, logger, clock } = deps;
  const now = clock();
  const rows = await db.watch.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  // Aggregated in the database: one row per watch, however many slots each has run over time.
  const lastSlots = await db.watchRun.groupBy({
    by: ["watchId"],
    where: { kind: "scheduled" },
    _max: { slotAt: true },
  });
  const lastSlotOf = new Map(
    lastSlots.flatMap((slot) => (slot._max.slotAt ? [[slot.watchId, slot._max.slotAt] as const] : [])),
  );
  const outcome: DueWatchesOutcome = { started: [], deferred: 0, refused: 0 };
  for (const row of rows) {
    const watch = readWatchRow(row, logger);
    if (!watch) continue;
    const slot = latestSlotAtOrBefore(watch, now);
    if (!slot || !owesRun(watch, slot, lastSlotOf.get(watch.id))) continue;
    try {
      const started = await startWatchRun({ deps, watch, slotAt: slot, kind: "scheduled" });
      if (started.outcome === "started") outcome.started.push(started.runId);
      else if (started.outcome === "deferred") outcome.deferred++;
      else if (started.outcome === "refused") outcome.refused++;
    } catch (error) {
      logger.error(`Watch ${watch.id}: its run for ${slot.toISOString()} could not be started`, error);
    }
  }
  return outcome;
}
