import { setTimeout as sleep } from "node:timers/promises";
import { executeRun, type ExecuteRunDeps } from "@/server/pipeline/execute-run";
import type { RunDispatcher } from "@/server/pipeline/run-dispatcher";
import type { Logger } from "@/server/logger";
import { awaitPickup, releaseLease } from "@/server/runs/run-lease";
import { RUN_QUEUE, type JobQueue, type RunJob } from "./job-queue";
import { channels, type PostgresNotifier } from "./postgres-notifier";

/**
 * A worker: takes run jobs from the queue, several at once, and executes them. A cancel asked for on any
 * instance reaches it by notification (and by its lease renewals, should that be missed). Stopping hands the
 * runs it holds back to the queue at once, so another worker resumes them without waiting for a lease to lapse.
 *
 * Each slot fetches and completes its jobs itself, with pg-boss's fetch() and complete(), rather than through
 * work(): pg-boss 10's work() does not await its complete(), so a database restart at that moment rejects a
 * promise nobody handles, which ends the process. Here every call is awaited, and a failed one is retried.
 */

export type RunWorker = {
  /** Stops taking jobs and hands back the runs in progress. */
  stop: () => Promise<void>;
};

/** How often an idle slot looks for a job without being nudged; a nudge wakes it at once. */
const IDLE_POLL_MS = 2000;
/** How long a slot waits after the queue could not be reached. */
const RETRY_MS = 1000;

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
  const stopping = new AbortController();
  /** Wakes the idle slots: a job was queued (or the worker is stopping). */
  let nudge = new AbortController();
  const wakeAll = () => {
    nudge.abort();
    nudge = new AbortController();
  };
  const stopCancels = notifier.on(channels.runCancel, (runId) => {
    registry.cancel(runId);
  });
  const stopNudges = notifier.on(channels.runQueued, wakeAll);
  const stopResyncs = notifier.onReconnect(wakeAll);

  async function waitIdle(ms: number): Promise<void> {
    const signal = AbortSignal.any([nudge.signal, stopping.signal]);
    await sleep(ms, undefined, { signal }).catch(() => undefined);
  }

  async function runSlot(): Promise<void> {
    while (!stopping.signal.aborted) {
      let jobs: { id: string; data: RunJob }[];
      try {
        jobs = await boss.fetch<RunJob>(RUN_QUEUE, { batchSize: 1 });
      } catch (error) {
        logger.warn("The job queue could not be reached; trying again", error);
        await waitIdle(RETRY_MS);
        continue;
      }
      const job = jobs[0];
      if (!job) {
        await waitIdle(IDLE_POLL_MS);
        continue;
      }
      try {
        const outcome = await executeRun({ runId: job.data.runId, deps });
        if (outcome === "not-claimed")
          logger.warn(`Run ${job.data.runId}: already taken or over; job skipped`);
      } catch (error) {
        logger.error(`Run ${job.data.runId} could not be executed`, error);
      }
      await completeJob(job.id);
    }
  }

  /** The run's own state is what counts; the job is bookkeeping, completed once the database answers. */
  async function completeJob(jobId: string): Promise<void> {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      try {
        await boss.complete(RUN_QUEUE, jobId);
        return;
      } catch (error) {
        if (attempt === 5)
          logger.warn(`Job ${jobId} could not be marked complete; pg-boss will expire it`, error);
        else await sleep(RETRY_MS);
      }
    }
  }

  const slots = Array.from({ length: concurrency }, () => runSlot());

  return {
    async stop() {
      stopping.abort();
      stopCancels();
      stopNudges();
      stopResyncs();
      const held = registry.runIds;
      for (const runId of held) registry.abandon(runId);
      await Promise.all(slots);
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
