import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { AppError } from "@/server/errors";
import { startSearch, type StartSearchDeps } from "@/server/pipeline/start-search";
import { scheduleCron, type watchRunKinds } from "@/shared/watches";
import type { StoredWatch } from "./watch-store";

export type WatchRunKind = (typeof watchRunKinds)[number];

/** Failed runs in a row before a watch starts skipping slots. */
export const FAILURES_BEFORE_BACKOFF = 3;
/** However many failures, a watch tries again within a week. */
export const MAX_BACKOFF_MS = 7 * 24 * 60 * 60 * 1000;

/** Whose limits a watch's runs count against: its own, so a scheduled run never collides with its owner's search. */
export const watchClientKey = (watchId: string) => `watch:${watchId}`;

export type WatchRunStart =
  | { outcome: "started"; runId: string }
  /** Another scheduler claimed this slot first: it runs there. */
  | { outcome: "taken" }
  /** The server or the watch's own search is busy: the slot stays open for the next look. */
  | { outcome: "deferred"; message: string }
  /** No run could start (no GitHub sign-in, budget spent…): the slot is spent and counts as a failure. */
  | { outcome: "refused"; message: string };

/**
 * Claims a watch's slot and starts its run. The slot row goes in first, with the run's id chosen already: the
 * unique (watchId, slotAt) lets exactly one claimer through, however many schedulers saw the slot due.
 * A manual run (watches.runNow) refused for any reason leaves nothing behind and the caller gets the error.
 */
export async function startWatchRun({
  deps,
  watch,
  slotAt,
  kind,
  clientKey = watchClientKey(watch.id),
}: {
  deps: StartSearchDeps;
  watch: StoredWatch;
  slotAt: Date;
  kind: WatchRunKind;
  /** Whose limits it counts against: the watch's own for scheduled runs, the person's for one they ask for. */
  clientKey?: string;
}): Promise<WatchRunStart> {
  const { db, clock } = deps;
  const runId = randomUUID();
  const slotId = randomUUID();
  try {
    await db.watchRun.create({
      data: { id: slotId, watchId: watch.id, slotAt, kind, runId, state: "started", createdAt: clock() },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: "taken" };
    throw error;
  }
  try {
    await startSearch({
      deps,
      userId: watch.userId,
      filters: watch.filters,
      clientKey,
      profile: watch.profile,
      runId,
    });
    return { outcome: "started", runId };
  } catch (error) {
    // An unexpected failure may have recorded the run, which then settles like any other.
    if (!(error instanceof AppError)) throw error;
    // A refused manual run leaves nothing behind: its caller has the error.
    if (kind === "manual") {
      await db.watchRun.deleteMany({ where: { id: slotId } });
      throw error;
    }
    if (error.code === "TOO_MANY_REQUESTS" && error.blockedBy === undefined) {
      await db.watchRun.deleteMany({ where: { id: slotId } });
      return { outcome: "deferred", message: error.message };
    }
    await db.watchRun.update({ where: { id: slotId }, data: { state: "refused", error: error.message } });
    await recordWatchOutcome({ db, watch, now: clock(), failure: error.message });
    return { outcome: "refused", message: error.message };
  }
}

/**
 * A run of the watch ended (or could not start): a success clears its failures; a failure counts, and from
 * FAILURES_BEFORE_BACKOFF in a row on the watch skips slots, 1, then 2, then 4… of them, at most a week.
 */
export async function recordWatchOutcome({
  db,
  watch,
  now,
  failure,
}: {
  db: Db;
  watch: Pick<StoredWatch, "id" | "schedule">;
  now: Date;
  /** What went wrong, as its owner is told; null for a run that ended well. */
  failure: string | null;
}): Promise<void> {
  if (failure === null) {
    await db.watch.updateMany({
      where: { id: watch.id },
      data: { consecutiveFailures: 0, backoffUntil: null, lastError: null },
    });
    return;
  }
  const current = await db.watch.findUnique({
    where: { id: watch.id },
    select: { consecutiveFailures: true },
  });
  if (!current) return;
  const failures = current.consecutiveFailures + 1;
  await db.watch.updateMany({
    where: { id: watch.id },
    data: {
      consecutiveFailures: failures,
      lastError: failure,
      backoffUntil: backoffUntil(watch, failures, now),
    },
  });
}

function backoffUntil(watch: Pick<StoredWatch, "schedule">, failures: number, now: Date): Date | null {
  if (failures < FAILURES_BEFORE_BACKOFF) return null;
  const skipped = 2 ** Math.min(failures - FAILURES_BEFORE_BACKOFF, 10);
  // The slot after the skipped ones: slots before it are not run.
  const slots = scheduleCron(watch.schedule).nextRuns(skipped + 1, now);
  const resumeAt = slots.at(-1)?.getTime() ?? now.getTime() + MAX_BACKOFF_MS;
  return new Date(Math.min(resumeAt, now.getTime() + MAX_BACKOFF_MS));
}
