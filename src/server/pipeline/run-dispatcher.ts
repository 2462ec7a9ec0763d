import type { Logger } from "@/server/logger";
import { executeRun, type ExecuteRunDeps } from "./execute-run";

/**
 * How a stored run reaches whatever executes runs, and how a cancel reaches its executor. The embedded
 * default executes in this process; the hosted mode (src/server/hosted/job-dispatcher.ts) enqueues a job for
 * the workers. Either way the executor is executeRun, and the pipeline never knows which one called it.
 */
export type RunDispatcher = {
  /** Hands a stored run over for execution; resolves once it is handed over, not when it ends. */
  dispatch: (runId: string) => Promise<void>;
  /** Tells the run's executor, wherever it is, to stop it (the request is already stored with the run). */
  signalCancel: (runId: string) => Promise<void>;
};

/** The embedded default: this process executes every run itself, at once. */
export function createInProcessDispatcher({
  deps,
  logger,
}: {
  deps: () => ExecuteRunDeps;
  logger: Logger;
}): RunDispatcher {
  return {
    dispatch: (runId) => {
      executeRun({ runId, deps: deps() }).catch((error: unknown) => {
        logger.error(`Run ${runId} could not be executed`, error);
      });
      return Promise.resolve();
    },
    signalCancel: (runId) => {
      deps().registry.cancel(runId);
      return Promise.resolve();
    },
  };
}
