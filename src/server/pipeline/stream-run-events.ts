import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { isTerminalEvent, readRunEvents, type StoredEvent } from "@/server/runs/run-events";
import type { RunRegistry } from "./run-registry";

/**
 * A run's events for one subscriber: the stored ones after `afterSeq`, then the live ones, without a
 * duplicate or a gap, ending after the terminal event. It listens before it reads the log, so an event
 * published while the log is being read is caught by one or the other (and deduplicated by seq).
 */
export async function* streamRunEvents(options: {
  db: Db;
  logger: Logger;
  registry: RunRegistry;
  runId: string;
  afterSeq: number;
  signal?: AbortSignal;
}): AsyncGenerator<StoredEvent, void, undefined> {
  const { db, logger, registry, runId, signal } = options;
  const pending: (StoredEvent | null)[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = registry.subscribe(runId, (entry) => {
    pending.push(entry);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);

  let lastSeq = options.afterSeq;
  try {
    for (const entry of await readRunEvents({ db, logger, runId, afterSeq: lastSeq })) {
      yield entry;
      lastSeq = entry.seq;
      if (isTerminalEvent(entry.event)) return;
    }
    // Not running here: the log just read is all there is.
    if (!unsubscribe) return;

    while (!signal?.aborted) {
      const entry = pending.shift();
      if (entry === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      if (entry === null) {
        // Finished here without us seeing a terminal event: whatever else was stored is final.
        for (const stored of await readRunEvents({ db, logger, runId, afterSeq: lastSeq })) yield stored;
        return;
      }
      if (entry.seq <= lastSeq) continue;
      yield entry;
      lastSeq = entry.seq;
      if (isTerminalEvent(entry.event)) return;
    }
  } finally {
    unsubscribe?.();
    signal?.removeEventListener("abort", onAbort);
  }
}
