import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@/server/logger";
import { WATCH_TICK_CRON } from "@/server/watches/watch-scheduler";
import { WATCH_TICK_QUEUE, type JobQueue } from "./job-queue";

/**
 * The hosted mode's watch scheduler: pg-boss's own cron schedule puts a tick job on WATCH_TICK_QUEUE every
 * minute (once, however many processes keep its time), and whichever worker fetches it runs the tick. The
 * queue holds at most one tick waiting and one running, so a slow tick never piles them up; a tick is safe
 * to repeat, so one lost to a dying worker is simply the next minute's.
 *
 * Ticks are fetched and completed by hand for the reason run-worker.ts gives.
 */

/** Ticks come once a minute: a few seconds late is nothing next to a schedule of hours. */
const DEFAULT_POLL_MS = 5000;

export async function startWatchTickWorker({
  queue,
  tick,
  logger,
  pollMs = DEFAULT_POLL_MS,
}: {
  queue: JobQueue;
  tick: () => Promise<unknown>;
  logger: Logger;
  pollMs?: number;
}): Promise<{ stop: () => Promise<void> }> {
  const boss = await queue.boss();
  await boss.schedule(WATCH_TICK_QUEUE, WATCH_TICK_CRON, {}, { tz: "UTC" });
  const stopping = new AbortController();
  const loop = async () => {
    while (!stopping.signal.aborted) {
      try {
        const [job] = await boss.fetch(WATCH_TICK_QUEUE, { batchSize: 1 });
        if (job) {
          await tick().catch((error: unknown) => {
            logger.error("The watch scheduler's tick failed", error);
          });
          await boss.complete(WATCH_TICK_QUEUE, job.id).catch((error: unknown) => {
            logger.warn("A watch tick could not be marked complete; pg-boss will expire it", error);
          });
          continue;
        }
      } catch (error) {
        logger.warn("The job queue could not be reached for watch ticks; trying again", error);
      }
      await sleep(pollMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  const running = loop();
  return {
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
