import { DAY_MS } from "@/lib/dates";
import { deleteExpiredAnalyses } from "@/server/cache/analysis-cache";
import { deleteStaleReadmes } from "@/server/cache/readme-cache";
import type { Db } from "@/server/db/client";
import type { HostedServices } from "@/server/hosted/hosted-services";
import { reapLapsedRuns } from "@/server/hosted/reap-lapsed-runs";
import type { Logger } from "@/server/logger";
import type { RunDispatcher } from "@/server/pipeline/run-dispatcher";
import type { RunEventBus } from "@/server/pipeline/run-event-bus";
import { pruneRepositories } from "@/server/repos/repo-records";
import { markInterruptedRuns } from "@/server/runs/recover-interrupted-runs";

/** Stale repositories, expired cached analyses and long-unused cached READMEs go. */
async function pruneStaleData(deps: { db: Db; clock: () => Date }): Promise<void> {
  await pruneRepositories({ db: deps.db, now: deps.clock() });
  await deleteExpiredAnalyses({ db: deps.db, now: deps.clock() });
  await deleteStaleReadmes({ db: deps.db, now: deps.clock() });
}

/**
 * Start-up of the embedded server (one process): runs a dead process left running become interrupted, and
 * stale data goes.
 */
export async function recoverAndPrune(deps: { db: Db; clock: () => Date; logger: Logger }): Promise<void> {
  const interrupted = await markInterruptedRuns({ db: deps.db, now: deps.clock() });
  if (interrupted.length > 0)
    deps.logger.warn(`Marked ${interrupted.length} run(s) left running by an earlier process as interrupted`);
  await pruneStaleData(deps);
}

export type HousekeepingDeps = {
  db: Db;
  clock: () => Date;
  logger: Logger;
  hosted: HostedServices | null;
  dispatcher: RunDispatcher;
  events: RunEventBus;
  executor: { leaseMs: number };
  limits: { pickupTimeoutMs: number };
};

/**
 * What a process does besides serving, for as long as it lives: pruning every day and, in the hosted mode,
 * watching for runs whose worker died (every third of a lease). The embedded server also recovers its own
 * interrupted runs first; the hosted mode must not, since other processes may be executing them.
 * Returns the function that stops it.
 */
export async function startHousekeeping(deps: HousekeepingDeps): Promise<() => void> {
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, task: () => Promise<unknown>, what: string) => {
    const timer = setInterval(() => {
      task().catch((error: unknown) => {
        deps.logger.error(`${what} failed`, error);
      });
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  if (deps.hosted) {
    await pruneStaleData(deps);
    every(
      Math.max(250, Math.floor(deps.executor.leaseMs / 3)),
      () => reapRuns(deps),
      "Watching for lapsed runs",
    );
  } else {
    await recoverAndPrune(deps);
  }
  every(DAY_MS, () => pruneStaleData(deps), "Daily pruning");
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}

function reapRuns(deps: HousekeepingDeps) {
  return reapLapsedRuns({
    db: deps.db,
    dispatcher: deps.dispatcher,
    bus: deps.events,
    clock: deps.clock,
    pickupTimeoutMs: deps.limits.pickupTimeoutMs,
    logger: deps.logger,
  });
}
