import { RunAbandonedError } from "./run-abandoned";

type ActiveRun = {
  controller: AbortController;
  finished: Promise<void>;
  markFinished: () => void;
};

/**
 * The runs this process is executing, each with the AbortController that stops it. It is created once by
 * the composition root (or a worker) and passed in, so tests get their own.
 */
export class RunRegistry {
  private readonly active = new Map<string, ActiveRun>();

  register(runId: string): AbortController {
    const controller = new AbortController();
    let markFinished = () => {};
    const finished = new Promise<void>((resolve) => {
      markFinished = resolve;
    });
    this.active.set(runId, { controller, finished, markFinished });
    return controller;
  }

  get activeCount(): number {
    return this.active.size;
  }

  /** The runs executing here now. */
  get runIds(): string[] {
    return [...this.active.keys()];
  }

  /** Aborts the run's signal as a cancel; false when it is not running here. */
  cancel(runId: string): boolean {
    const run = this.active.get(runId);
    if (!run) return false;
    run.controller.abort(new DOMException("The search was cancelled", "AbortError"));
    return true;
  }

  /** Stops the run here without ending it: another executor holds it now. */
  abandon(runId: string): void {
    this.active.get(runId)?.controller.abort(new RunAbandonedError(runId));
  }

  /** Resolves when the run has finished here (at once when it is not active). */
  whenFinished(runId: string): Promise<void> {
    return this.active.get(runId)?.finished ?? Promise.resolve();
  }

  /** Called once the run has stopped here, its terminal event stored (or left to its new holder). */
  finish(runId: string): void {
    const run = this.active.get(runId);
    if (!run) return;
    this.active.delete(runId);
    run.markFinished();
  }
}
