import type { AppDependencies } from "./app-dependencies";
import { startRunWorker, type RunWorker } from "./hosted/run-worker";
import { startWatchTickWorker } from "./hosted/watch-tick-worker";
import { tickWatches } from "./watches/watch-scheduler";

/**
 * Makes this process a worker of the hosted mode: it takes run jobs, SCOUT_WORKER_CONCURRENCY at a time, and
 * the watch scheduler's ticks (unless SCOUT_WATCH_SCHEDULER=0).
 * Used by `npm run worker` and by `npm start` with SCOUT_RUN_WORKER=1.
 */
export async function startWorkerFor(deps: AppDependencies): Promise<RunWorker> {
  if (!deps.hosted) {
    throw new Error(
      "A worker executes the hosted mode's runs: set DATABASE_URL to a PostgreSQL URL (postgres://…). " +
        "With SQLite, `npm start` executes every search itself.",
    );
  }
  const runs = await startRunWorker({
    deps,
    queue: deps.hosted.queue,
    notifier: deps.hosted.notifier,
    dispatcher: deps.dispatcher,
    concurrency: deps.env.SCOUT_WORKER_CONCURRENCY,
    pickupTimeoutMs: deps.limits.pickupTimeoutMs,
    logger: deps.logger,
  });
  const ticks = deps.env.SCOUT_WATCH_SCHEDULER
    ? await startWatchTickWorker({
        queue: deps.hosted.queue,
        tick: () => tickWatches(deps),
        logger: deps.logger,
      })
    : null;
  return {
    async stop() {
      await ticks?.stop();
      await runs.stop();
    },
  };
}
