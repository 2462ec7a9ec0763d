import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/unique-violation";
import type { Logger } from "@/server/logger";
import { appendRunEvents, isTerminalEvent, type StoredEvent } from "@/server/runs/run-events";
import { finishRun } from "@/server/runs/run-writes";
import type { ScoutEvent } from "@/shared/events";
import type { RunEventBus } from "./run-event-bus";
import { messages } from "./run-messages";

/** Storing an event is tried again after 0.1 s, 0.2 s, … up to 12.8 s: about 25 s in all. */
const STORE_RETRY_FIRST_MS = 100;
const STORE_RETRY_LAST_MS = 12_800;

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
  const iterator = events[Symbol.asyncIterator]();
  try {
    for (;;) {
      const group = await nextGroup();
      if (group.length === 0) break;
      if (abandoned()) return;
      const entries = group.map((event) => ({ seq: (seq += 1), event }));
      await store(entries);
      await announce(() => bus.announce(runId, ...entries));
      if (group.some(isTerminalEvent)) ended = true;
    }
  } catch (error) {
    logger.error(`Run ${runId}: the event log could not be written`, error);
  } finally {
    // As a for-await loop would: a generator left early runs its own clean-up (one that ended ignores this).
    await iterator.return?.().catch(() => undefined);
    if (!abandoned()) {
      if (!ended) {
        try {
          await persist("its failure", () =>
            finishRun({ db, runId, status: "failed", now: clock(), errorMessage: messages.failed }),
          );
          seq += 1;
          const entry = {
            seq,
            event: { type: "error", message: messages.failed, reason: "failed" },
          } as const;
          await store([entry]);
          await announce(() => bus.announce(runId, entry));
        } catch (error) {
          logger.error(`Run ${runId}: could not record the failure`, error);
        }
      }
      await announce(() => bus.announceEnded(runId));
    }
  }

  /**
   * The next events to store together: one event, or an analysis's `results` events with the progress count
   * that follows them. The result emitter yields those back to back, with no wait in between, so taking them
   * together costs no latency and saves a write and an announcement per analysis. Empty once the run is over.
   */
  async function nextGroup(): Promise<ScoutEvent[]> {
    const group: ScoutEvent[] = [];
    do {
      const next = await iterator.next();
      if (next.done) break;
      group.push(next.value);
    } while (group.at(-1)?.type === "results");
    return group;
  }

  /**
   * Stores the events, trying again for a while when the database is briefly out of reach (a restart, a
   * failover): a run whose status is final must still get its terminal event.
   */
  async function store(entries: StoredEvent[]): Promise<void> {
    const first = entries[0]?.seq ?? 0;
    const last = entries.at(-1)?.seq ?? first;
    await persist(first === last ? `event ${first}` : `events ${first}-${last}`, async () => {
      try {
        await appendRunEvents({ db, runId, entries });
      } catch (error) {
        // A (runId, seq) row that exists already was stored after all, the answer lost on the way back: only
        // this executor writes this run's log, and one statement stores all of the group or none of it.
        if (!isUniqueViolation(error)) throw error;
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
