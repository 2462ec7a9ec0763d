import pg from "pg";
import type { Logger } from "@/server/logger";
import { createJobQueue, type JobQueue } from "./job-queue";
import { createPostgresNotifier, type PostgresNotifier } from "./postgres-notifier";

/**
 * The connections the hosted mode adds beside Prisma's: a small pool (notifications, the admission lock, the
 * shared rate limit), the listening connection, and the job queue. Started on first use, closed together.
 */
export type HostedServices = {
  pool: pg.Pool;
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
  const notifier = createPostgresNotifier({ databaseUrl, pool, logger });
  const queue = createJobQueue({ databaseUrl, runTimeoutMs, logger });
  return {
    pool,
    notifier,
    queue,
    async close() {
      await queue.close();
      await notifier.close();
      await pool.end().catch(() => undefined);
    },
  };
}
