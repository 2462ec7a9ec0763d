import { afterEach, describe, expect, it } from "vitest";
import {
  createJobQueue,
  RUN_QUEUE,
  WATCH_TICK_QUEUE,
  type JobQueue,
  type RunJob,
} from "@/server/hosted/job-queue";
import { createEmptyPostgresDatabase, type EmptyPostgresDatabase } from "../support/temp-db";

/**
 * Hosted instances start together (a deploy, the cluster bench): each one's job queue installs pg-boss and
 * creates the same queues on one database at the same moment. Left alone, pg-boss's queue creation deadlocks
 * under that (SQLSTATE 40P01), so every instance here must come up, and the queues must work across them.
 */

const INSTANCES = 6;
/** The deadlock is a race: a few fresh databases make a regression show on every run, not on some. */
const ROUNDS = 3;
/** pg-boss's own queue for its cron, created inside start(): it must survive the stampede too. */
const PG_BOSS_CRON_QUEUE = "__pgboss__send-it";

let database: EmptyPostgresDatabase | undefined;
const queues: JobQueue[] = [];
const warnings: string[] = [];
const logger = {
  error: (message: string) => warnings.push(message),
  warn: (message: string) => warnings.push(message),
};

afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
  await database?.drop();
  database = undefined;
  warnings.length = 0;
});

describe("job queues starting at once on a fresh database", () => {
  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    `round %i: all ${INSTANCES} start, the queues exist and a job passes between instances`,
    async () => {
      database = await createEmptyPostgresDatabase();
      const { databaseUrl } = database;
      queues.push(
        ...Array.from({ length: INSTANCES }, () =>
          createJobQueue({ databaseUrl, runTimeoutMs: 60_000, logger }),
        ),
      );

      const bosses = await Promise.all(queues.map((queue) => queue.boss()));

      const [first, last] = [bosses[0], bosses[bosses.length - 1]];
      if (!first || !last) throw new Error("no job queue started");
      for (const name of [RUN_QUEUE, WATCH_TICK_QUEUE, PG_BOSS_CRON_QUEUE]) {
        expect(await first.getQueue(name), name).toMatchObject({ name });
      }
      // Sent through one instance, taken by another: the queue is one, not one an instance.
      const jobId = await first.send(RUN_QUEUE, { runId: "run-1" } satisfies RunJob);
      const [job] = await last.fetch<RunJob>(RUN_QUEUE);
      expect(job).toMatchObject({ id: jobId, data: { runId: "run-1" } });
      expect(warnings).toEqual([]);
    },
  );
});
