import { executeRun, type ExecuteRunDeps } from "@/server/pipeline/execute-run";
import type { Logger } from "@/server/logger";
import { awaitPickup, releaseLease } from "@/server/runs/run-lease";
import { RUN_QUEUE, type JobQueue, type RunJob } from "./job-queue";
import { channels, type PostgresNotifier } from "./postgres-notifier";
import type { RunDispatcher } from "@/server/pipeline/run-dispatcher";

/**
 * A worker: takes run jobs from the queue, several at once, and executes them. A cancel asked for on any
 * instance reaches it by notification (and by its lease renewals, should that be missed). Stopping hands the
 * runs it holds back to the queue at once, so another worker resumes them without waiting for a lease to lapse.
 */

export type RunWorker = {
  /** Stops taking jobs and hands back the runs in progress. */
  stop: () => Promise<void>;
};

export async function startRunWorker({
  deps,
  queue,
  notifier,
  dispatcher,
  concurrency,
  pickupTimeoutMs,
  logger,
}: {
  deps: ExecuteRunDeps;
  queue: JobQueue;
  notifier: PostgresNotifier;
  dispatcher: RunDispatcher;
  concurrency: number;
  pickupTimeoutMs: number;
  logger: Logger;
}): Promise<RunWorker> {
  const boss = await queue.boss();
  const { registry, db, clock, executor } = deps;
  const stopCancels = notifier.on(channels.runCancel, (runId) => {
    registry.cancel(runId);
  });
  // pg-boss 10 runs one job at a time per work() call: one call per concurrent run.
  const workerIds: string[] = [];
  for (let slot = 0; slot < concurrency; slot += 1) {
    workerIds.push(
      await boss.work<RunJob>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const job of jobs) {
          const outcome = await executeRun({ runId: job.data.runId, deps });
          if (outcome === "not-claimed")
            logger.warn(`Run ${job.data.runId}: already taken or over; job skipped`);
        }
      }),
    );
  }
  const stopNudges = notifier.on(channels.runQueued, () => {
    for (const id of workerIds) boss.notifyWorker(id);
  });

  return {
    async stop() {
      stopCancels();
      stopNudges();
      await boss.offWork(RUN_QUEUE);
      const held = registry.runIds;
      for (const runId of held) registry.abandon(runId);
      await Promise.all(held.map((runId) => registry.whenFinished(runId)));
      for (const runId of held) {
        try {
          await releaseLease({ db, runId, owner: executor.owner });
          await awaitPickup({ db, runId, deadline: new Date(clock().getTime() + pickupTimeoutMs) });
          await dispatcher.dispatch(runId);
        } catch (error) {
          // Its lease lapses instead, and the reaper offers it again.
          logger.warn(`Run ${runId} could not be handed back on stopping`, error);
        }
      }
    },
  };
}
