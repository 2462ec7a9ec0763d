import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { isTerminalEvent, readRunEvents, type StoredEvent } from "@/server/runs/run-events";
import { getRunStatus } from "@/server/runs/read-run-result";
import type { RunEventBus, RunSignal } from "./run-event-bus";

/** A run whose executor vanished without a word is noticed this often, at the latest. */
const DEFAULT_RECHECK_MS = 15_000;

/**
 * A run's events for one subscriber: the stored ones after `afterSeq`, then the new ones as they are
 * announced, without a duplicate or a gap, ending after the terminal event. It listens before it reads the
 * log, so an event stored while the log is being read is caught by one or the other (and deduplicated by
 * seq). The run may be executing in this process or in a worker anywhere: announcements only say that the
 * log grew, and the log is the source of truth.
 */
export async function* streamRunEvents(options: {
  db: Db;
  logger: Logger;
  events: RunEventBus;
  runId: string;
  afterSeq: number;
  signal?: AbortSignal;
  recheckMs?: number;
}): AsyncGenerator<StoredEvent, void, undefined> {
  const { db, logger, events, runId, signal, recheckMs = DEFAULT_RECHECK_MS } = options;
  const pending: RunSignal[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = events.subscribe(runId, (runSignal) => {
    pending.push(runSignal);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);

  let lastSeq = options.afterSeq;
  // A field rather than a variable: readLog sets it while this function awaits.
  const state = { ended: false };
  /** Yields what the log holds after lastSeq; ended once the terminal event has gone out. */
  async function* readLog(): AsyncGenerator<StoredEvent, void, undefined> {
    for (const entry of await readRunEvents({ db, logger, runId, afterSeq: lastSeq })) {
      yield entry;
      lastSeq = entry.seq;
      if (isTerminalEvent(entry.event)) {
        state.ended = true;
        return;
      }
    }
  }
  const isStillRunning = async () =>
    (await getRunStatus({ db, logger, runId, access: "server" })) === "running";

  try {
    yield* readLog();
    if (state.ended) return;
    if (!(await isStillRunning())) {
      // Ended since the log was read (a reaper or a cancel stores the final status and its event together),
      // or over though its end could not be stored: either way, the log read now is all there will ever be.
      yield* readLog();
      return;
    }

    while (!signal?.aborted && !state.ended) {
      const next = pending.shift();
      if (next === undefined) {
        const announced = await waitForAnnouncement(recheckMs);
        if (!announced && !signal?.aborted && !(await isStillRunning())) {
          yield* readLog();
          return;
        }
        continue;
      }
      switch (next.kind) {
        case "event":
          if (next.entry.seq <= lastSeq) continue;
          if (next.entry.seq === lastSeq + 1) {
            yield next.entry;
            lastSeq = next.entry.seq;
            if (isTerminalEvent(next.entry.event)) state.ended = true;
          } else {
            yield* readLog();
          }
          continue;
        case "stored":
          if (next.seq > lastSeq) yield* readLog();
          continue;
        case "resync":
          yield* readLog();
          continue;
        case "ended":
          // Whatever else was stored is final.
          yield* readLog();
          return;
      }
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", onAbort);
  }

  /** Waits for the next announcement (true) or for the recheck interval to pass (false). */
  function waitForAnnouncement(timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve(false);
      }, timeoutMs);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve(true);
      };
    });
  }
}
