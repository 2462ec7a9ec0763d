import type { StoredEvent } from "@/server/runs/run-events";

/** Receives each stored event of the run, then null once the run has finished here. */
type Listener = (entry: StoredEvent | null) => void;

type ActiveRun = {
  controller: AbortController;
  listeners: Set<Listener>;
  finished: Promise<void>;
  markFinished: () => void;
};

/**
 * The runs this process is executing: each one's AbortController and its live subscribers. It is created
 * once by the composition root and passed in, so tests get their own. Events reach it only after they
 * are stored, so a subscriber that missed one can always read it back from the log.
 */
export class RunRegistry {
  private readonly active = new Map<string, ActiveRun>();

  register(runId: string): AbortController {
    const controller = new AbortController();
    let markFinished = () => {};
    const finished = new Promise<void>((resolve) => {
      markFinished = resolve;
    });
    this.active.set(runId, { controller, listeners: new Set(), finished, markFinished });
    return controller;
  }

  get activeCount(): number {
    return this.active.size;
  }

  /** Returns an unsubscribe function, or null when the run is not active here (its log is then final). */
  subscribe(runId: string, listener: Listener): (() => void) | null {
    const run = this.active.get(runId);
    if (!run) return null;
    run.listeners.add(listener);
    return () => run.listeners.delete(listener);
  }

  publish(runId: string, entry: StoredEvent): void {
    for (const listener of this.active.get(runId)?.listeners ?? []) listener(entry);
  }

  /** Aborts the run's signal; false when it is not running here. */
  cancel(runId: string): boolean {
    const run = this.active.get(runId);
    if (!run) return false;
    run.controller.abort(new DOMException("The search was cancelled", "AbortError"));
    return true;
  }

  /** Resolves when the run has finished here (at once when it is not active). */
  whenFinished(runId: string): Promise<void> {
    return this.active.get(runId)?.finished ?? Promise.resolve();
  }

  /** Called once the terminal event is stored and published. */
  finish(runId: string): void {
    const run = this.active.get(runId);
    if (!run) return;
    this.active.delete(runId);
    for (const listener of run.listeners) listener(null);
    run.markFinished();
  }
}
