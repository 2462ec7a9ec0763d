import type { StoredEvent } from "@/server/runs/run-events";

/**
 * How subscribers learn that a run's log has grown. Events are always stored first; the bus only announces
 * them, so a subscriber that missed an announcement reads the log and loses nothing.
 * - In one process (the embedded default) the announcement carries the stored event itself.
 * - Across processes (src/server/hosted/postgres-notifier.ts) it carries the run id and sequence number over
 *   PostgreSQL's LISTEN/NOTIFY, and subscribers read the rows.
 */
export type RunSignal =
  /** This event is stored: it can be delivered as it is. */
  | { kind: "event"; entry: StoredEvent }
  /** Events up to `seq` are stored: read them from the log. */
  | { kind: "stored"; seq: number }
  /** The run's executor has let go of it (finished, or failed to store its end): the log is final. */
  | { kind: "ended" }
  /** Announcements may have been lost (a dropped connection): read the log to catch up. */
  | { kind: "resync" };

export type RunSignalListener = (signal: RunSignal) => void;

export type RunEventBus = {
  /** Announces stored events (consecutive, in order) to every subscriber of the run, in any process. */
  announce: (runId: string, ...entries: StoredEvent[]) => Promise<void>;
  /** Announces that the run's executor has let go of it. */
  announceEnded: (runId: string) => Promise<void>;
  /** Listens to one run's announcements; returns the unsubscribe function. */
  subscribe: (runId: string, listener: RunSignalListener) => () => void;
};

/** Fans a run's announcements out to the subscribers of one process. */
export class LocalRunListeners {
  private readonly listeners = new Map<string, Set<RunSignalListener>>();

  add(runId: string, listener: RunSignalListener): () => void {
    let set = this.listeners.get(runId);
    if (!set) {
      set = new Set();
      this.listeners.set(runId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(runId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(runId);
    };
  }

  has(runId: string): boolean {
    return this.listeners.has(runId);
  }

  notify(runId: string, signal: RunSignal): void {
    for (const listener of [...(this.listeners.get(runId) ?? [])]) listener(signal);
  }

  notifyAll(signal: RunSignal): void {
    for (const runId of [...this.listeners.keys()]) this.notify(runId, signal);
  }
}

/** The embedded default: announcements never leave the process, so they carry the events themselves. */
export function createInProcessRunEventBus(): RunEventBus {
  const listeners = new LocalRunListeners();
  return {
    announce: (runId, ...entries) => {
      for (const entry of entries) listeners.notify(runId, { kind: "event", entry });
      return Promise.resolve();
    },
    announceEnded: (runId) => {
      listeners.notify(runId, { kind: "ended" });
      return Promise.resolve();
    },
    subscribe: (runId, listener) => listeners.add(runId, listener),
  };
}
