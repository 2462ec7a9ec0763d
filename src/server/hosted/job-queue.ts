import PgBoss from "pg-boss";
import type { Logger } from "@/server/logger";
import type { RunDispatcher } from "@/server/pipeline/run-dispatcher";
import { channels, type PostgresNotifier } from "./postgres-notifier";

/**
 * The hosted mode's job queue: pg-boss, on the same PostgreSQL. A search is a job naming its run; any worker
 * takes it. pg-boss polls, so sending a job also notifies the workers, which then look at once.
 */

export const RUN_QUEUE = "scout-run";
/** pg-boss's cron puts a tick here every minute; a worker takes it and runs the watch scheduler once. */
export const WATCH_TICK_QUEUE = "scout-watch-tick";

export type RunJob = { runId: string };

export type JobQueue = {
  /** Started pg-boss (its schema created or migrated on first use). */
  boss: () => Promise<PgBoss>;
  close: () => Promise<void>;
};

export function createJobQueue({
  databaseUrl,
  runTimeoutMs,
  logger,
}: {
  databaseUrl: string;
  runTimeoutMs: number;
  logger: Logger;
}): JobQueue {
  let started: Promise<PgBoss> | undefined;
  let instance: PgBoss | undefined;
  const start = async () => {
    const boss = new PgBoss({
      connectionString: databaseUrl,
      application_name: "scout-jobs",
      max: 4,
      // Every process keeps the cron schedules' time (watch ticks); pg-boss sends each minute's job once.
      schedule: true,
    });
    // pg-boss's errors carry the whole connection object; the message and code are what say what happened.
    boss.on("error", (error: Error & { code?: string }) => {
      logger.warn(`The job queue reported an error: ${error.message}${error.code ? ` (${error.code})` : ""}`);
    });
    instance = boss;
    await boss.start();
    // The executor renews its own claim on a run, so the job only has to outlive the run's deadline; a worker
    // that dies is noticed by its run's lease (src/server/hosted/reap-lapsed-runs.ts), not by the job.
    await boss.createQueue(RUN_QUEUE, {
      name: RUN_QUEUE,
      policy: "standard",
      retryLimit: 0,
      expireInSeconds: Math.ceil(runTimeoutMs / 1000) + 300,
    });
    await boss.createQueue(WATCH_TICK_QUEUE, {
      name: WATCH_TICK_QUEUE,
      // One tick waiting and one running at most: ticks that a slow one held up would all do the same work.
      policy: "stately",
      retryLimit: 0,
      expireInSeconds: 15 * 60,
    });
    return boss;
  };
  return {
    boss: () => {
      started ??= start().catch((error: unknown) => {
        started = undefined;
        throw error;
      });
      return started;
    },
    async close() {
      if (started) await started.catch(() => undefined);
      await instance?.stop({ graceful: false, close: true, wait: true }).catch(() => undefined);
    },
  };
}

/** Runs go to the workers: a job each, and a nudge so an idle worker takes it now rather than at its next poll. */
export function createJobDispatcher({
  queue,
  notifier,
}: {
  queue: JobQueue;
  notifier: PostgresNotifier;
}): RunDispatcher {
  return {
    async dispatch(runId) {
      const boss = await queue.boss();
      await boss.send(RUN_QUEUE, { runId } satisfies RunJob);
      await notifier.notify(channels.runQueued, runId);
    },
    async signalCancel(runId) {
      await notifier.notify(channels.runCancel, runId);
    },
  };
}
