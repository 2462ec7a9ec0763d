import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import type { RunDispatcher } from "@/server/pipeline/run-dispatcher";
import type { RunEventBus } from "@/server/pipeline/run-event-bus";
import { messages } from "@/server/pipeline/run-messages";
import { abandonedMessage, endUnheldRun } from "@/server/runs/recover-interrupted-runs";
import { findLapsedRuns, freeLapsedRun, restoreLapsedLease } from "@/server/runs/run-lease";

/**
 * The hosted mode's watch over running runs, run by every process now and then (each step is a
 * compare-and-set, so processes doing it at once agree):
 * - a run whose worker stopped renewing its lease is offered again, and another worker resumes it;
 * - a run no worker took before its pickup deadline ends `interrupted`, keeping what it stored;
 * - a cancelled run whose worker died ends `cancelled`.
 */
export async function reapLapsedRuns({
  db,
  dispatcher,
  bus,
  clock,
  pickupTimeoutMs,
  logger,
}: {
  db: Db;
  dispatcher: RunDispatcher;
  bus: RunEventBus;
  clock: () => Date;
  pickupTimeoutMs: number;
  logger: Logger;
}): Promise<{ offeredAgain: string[]; ended: string[] }> {
  const now = clock();
  const offeredAgain: string[] = [];
  const ended: string[] = [];
  for (const run of await findLapsedRuns({ db, now })) {
    const expiredAt = run.leaseExpiresAt;
    if (!expiredAt) continue;
    if (run.leaseOwner !== null && run.cancelRequestedAt === null) {
      const freed = await freeLapsedRun({
        db,
        runId: run.id,
        owner: run.leaseOwner,
        expiredAt,
        pickupDeadline: new Date(now.getTime() + pickupTimeoutMs),
      });
      if (!freed) continue;
      logger.warn(`Run ${run.id}: its worker stopped renewing its lease; offering it to another worker`);
      try {
        await dispatcher.dispatch(run.id);
      } catch (error) {
        // Not offered after all: put the lapsed lease back, so that the next round tries again.
        await restoreLapsedLease({ db, runId: run.id, owner: run.leaseOwner, expiredAt });
        throw error;
      }
      offeredAgain.push(run.id);
      continue;
    }
    const cancelled = run.cancelRequestedAt !== null;
    const entry = await endUnheldRun({
      db,
      runId: run.id,
      now,
      ending: cancelled
        ? {
            status: "cancelled",
            event: { type: "cancelled", message: messages.cancelled },
            stillMatching: { leaseOwner: run.leaseOwner, leaseExpiresAt: expiredAt },
          }
        : {
            status: "interrupted",
            event: { type: "error", message: abandonedMessage, reason: "interrupted" },
            stillMatching: { leaseOwner: null, leaseExpiresAt: expiredAt },
          },
    });
    if (!entry) continue;
    ended.push(run.id);
    await bus.announce(run.id, entry);
    await bus.announceEnded(run.id);
  }
  return { offeredAgain, ended };
}
