import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { appendRunEvent, isTerminalEvent } from "@/server/runs/run-events";
import { finishRun } from "@/server/runs/run-writes";
import type { ScoutEvent } from "@/shared/events";
import type { RunEventBus } from "./run-event-bus";
import { messages } from "./run-messages";

/** Storing an event is tried again after 0.1 s, 0.2 s, … up to 12.8 s: about 25 s in all. */
const STORE_RETRY_FIRST_MS = 100;
const STORE_RETRY_LAST_MS = 12_800;

/** Prisma's unique-constraint violation: the (runId, seq) row exists already. */
function isDuplicateEvent(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/**
 * Consumes a run's event generator: each event is stored (with the next sequence number) before it is
 * announced, so the log is the source of truth and no subscriber ever sees an event a reload could not
 * replay. If storing itself fails, the run still ends with a terminal event. An executor that no longer
 * holds the run (`abandoned`) stops writing at once: the run's new holder continues the log.
 */
export async function driveRun(options: {
  runId: string;
  events: AsyncIterable<ScoutEvent>;
  /** The last sequence number already stored (a resumed run continues its log). */
  lastSeq?: number;
  db: Db;
  bus: RunEventBus;
  logger: Logger;
  clock: () => Date;
  abandoned?: () => boolean;
}): Promise<void> {
  const { runId, events, db, bus, logger, clock, abandoned = () => false } = options;
  let seq = options.lastSeq ?? 0;
  let ended = false;
  try {
    for await (const event of events) {
      if (abandoned()) return;
      seq += 1;
      const entry = await store(seq, event);
      await announce(() => bus.announce(runId, entry));
      if (isTerminalEvent(event)) ended = true;
    }
  } catch (error) {
    logger.error(`Run ${runId}: the event log could not be written`, error);
  } finally {
    if (!abandoned()) {
      if (!ended) {
        try {
          await persist("its failure", () =>
            finishRun({ db, runId, status: "failed", now: clock(), errorMessage: messages.failed }),
          );
          seq += 1;
          const entry = await store(seq, { type: "error", message: messages.failed, reason: "failed" });
          await announce(() => bus.announce(runId, entry));
        } catch (error) {
          logger.error(`Run ${runId}: could not record the failure`, error);
        }
      }
      await announce(() => bus.announceEnded(runId));
    }
  }

  /**
   * Stores the event, trying again for a while when the database is briefly out of reach (a restart, a
   * failover): a run whose status is final must still get its terminal event.
   */
  async function store(seq: number, event: ScoutEvent) {
    return persist(`event ${seq}`, async () => {
      try {
        return await appendRunEvent({ db, runId, seq, event });
      } catch (error) {
        // Stored after all, its answer lost on the way back: only this executor writes this run's log.
        if (isDuplicateEvent(error)) return { seq, event };
        throw error;
      }
    });
  }

  async function persist<T>(what: string, write: () => Promise<T>): Promise<T> {
    for (let waitMs = STORE_RETRY_FIRST_MS; ; waitMs *= 2) {
      try {
        return await write();
      } catch (error) {
        if (waitMs > STORE_RETRY_LAST_MS || abandoned()) throw error;
        logger.warn(`Run ${runId}: ${what} could not be stored yet; trying again`, error);
        await sleep(waitMs);
      }
    }
  }

  /** An announcement that fails costs subscribers only latency: they read the log on their next wake-up. */
  async function announce(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      logger.warn(`Run ${runId}: an event was stored but could not be announced`, error);
    }
  }
}
