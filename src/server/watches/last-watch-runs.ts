import type { Db } from "@/server/db/client";

/** A watch's latest slot, with its run's status (null while the run is not recorded, or never was). */
export type LastRun = { runId: string; slotAt: Date; kind: string; state: string; status: string | null };

/** The latest slot of each watch, with its run's status. */
export async function lastRunsOf(db: Db, watchIds: readonly string[]): Promise<Map<string, LastRun>> {
  if (watchIds.length === 0) return new Map();
  // The newest slot's time per watch is aggregated in the database; only those slots' rows are read.
  const newest = await db.watchRun.groupBy({
    by: ["watchId"],
    where: { watchId: { in: [...watchIds] } },
    _max: { createdAt: true },
  });
  const candidates = await db.watchRun.findMany({
    where: {
      OR: newest.flatMap(({ watchId, _max }) =>
        _max.createdAt ? [{ watchId, createdAt: _max.createdAt }] : [],
      ),
    },
    orderBy: { id: "desc" },
    select: { watchId: true, runId: true, slotAt: true, kind: true, state: true },
  });
  // Two slots created at the same instant: the one with the greatest id, as before.
  const slots = [...new Map(candidates.reverse().map((slot) => [slot.watchId, slot])).values()];
  const runs = await db.searchRun.findMany({
    where: { id: { in: slots.map((slot) => slot.runId) } },
    select: { id: true, status: true },
  });
  const statusOf = new Map(runs.map((run) => [run.id, run.status]));
  return new Map(slots.map((slot) => [slot.watchId, { ...slot, status: statusOf.get(slot.runId) ?? null }]));
}
