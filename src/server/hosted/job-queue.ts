import pg from "pg";
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

/**
 * An arbitrary constant: the advisory lock every instance holds while it sets pg-boss up. It must differ
 * from pg-boss's own lock key, which pg-boss takes on its pool's connections inside start(): holding that
 * one here would make an instance wait on itself.
 */
const SETUP_LOCK_KEY = 727_003;
/** Setting up takes well under a second; an instance that holds the lock this long is stuck, not slow. */
const SETUP_LOCK_TIMEOUT = "60s";

/**
 * Runs pg-boss's set-up with every other instance's kept out, on a connection of its own (pg-boss's pool
 * hands each query to whichever connection is free, so a session lock taken through it could be left held).
 *
 * pg-boss's createQueue is not safe to run concurrently: its create_queue() inserts the queue's row, then
 * adds a foreign key from the queue's new partition to that table, which needs a lock that conflicts with
 * any other session's insert into it. Two instances creating queues at once (even the same queue: the second
 * waits on the first's row while already holding its own table lock) wait on each other, and PostgreSQL
 * kills one with a deadlock (40P01). Instances start together in every deploy, and pg-boss's start() creates
 * its cron queue the same way (swallowing the error), so start() is serialised along with our queues.
 */
async function withSetupLock<T>(databaseUrl: string, logger: Logger, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "scout-jobs-setup" });
  // A dropped connection also drops the lock; the worst that follows is the deadlock above, which fails the
  // start like any other error. Unhandled, the client's error event would end the process instead.
  client.on("error", (error) => {
    logger.warn("The job queue's set-up lock connection failed", error);
  });
  await client.connect();
  try {
    await client.query(`SET lock_timeout = '${SETUP_LOCK_TIMEOUT}'`);
    await client.query("SELECT pg_advisory_lock($1)", [SETUP_LOCK_KEY]);
    return await work();
  } finally {
    // Ending the session releases the advisory lock too, even if the unlock below never ran.
    await client.query("SELECT pg_advisory_unlock($1)", [SETUP_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

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
    try {
      await withSetupLock(databaseUrl, logger, async () => {
        await boss.start();
        // The executor renews its own claim on a run, so the job only has to outlive the run's deadline; a
        // worker that dies is noticed by its run's lease (src/server/hosted/reap-lapsed-runs.ts), not by the job.
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
      });
    } catch (error) {
      // The next boss() call starts a new pg-boss: this one's pool and timers would otherwise outlive it.
      await boss.stop({ graceful: false, close: true, wait: true }).catch(() => undefined);
      throw error;
    }
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
