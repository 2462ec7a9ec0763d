import pg from "pg";
import type { Logger } from "@/server/logger";
import { createJobQueue, type JobQueue } from "./job-queue";
import { createPostgresNotifier, type PostgresNotifier } from "./postgres-notifier";

/**
 * The connections the hosted mode adds beside Prisma's: a small pool (notifications, the shared rate limit),
 * one connection for the admission lock, the listening connection, and the job queue. Started on first use,
 * closed together.
 */
export type HostedServices = {
  pool: pg.Pool;
  /**
   * One connection, so this instance's admissions queue for it here and only one of them waits on the lock
   * in PostgreSQL. Were they drawn from `pool`, a burst of searches could fill it with waiters while the
   * lock's holder waited for a connection to count the client's rate limit: every search would hang.
   */
  admissionPool: pg.Pool;
  notifier: PostgresNotifier;
  queue: JobQueue;
  close: () => Promise<void>;
};

export function createHostedServices({
  databaseUrl,
  runTimeoutMs,
  logger,
}: {
  databaseUrl: string;
  runTimeoutMs: number;
  logger: Logger;
}): HostedServices {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5, application_name: "scout" });
  // An idle connection the server closed (a restart) is an event, not a crash; the pool reconnects on use.
  pool.on("error", (error) => {
    logger.warn("A pooled PostgreSQL connection failed", error);
  });
  const admissionPool = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: "scout" });
  admissionPool.on("error", (error) => {
    logger.warn("The admission lock's PostgreSQL connection failed", error);
  });
  const notifier = createPostgresNotifier({ databaseUrl, pool, logger });
  const queue = createJobQueue({ databaseUrl, runTimeoutMs, logger });
  return {
    pool,
    admissionPool,
    notifier,
    queue,
    async close() {
      await queue.close();
      await notifier.close();
      await Promise.all([pool.end(), admissionPool.end()]).catch(() => undefined);
    },
  };
}
