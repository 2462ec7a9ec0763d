import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { getRunStatus } from "@/server/runs/read-run-result";
import type { RunEventBus } from "./run-event-bus";

/**
 * Resolves once the run is no longer running (true), or after `timeoutMs` (false). It listens before it
 * looks, so an ending announced in between is not missed, and looks again at every announcement of the run
 * (its executor announces each event and its end, wherever it runs).
 */
export async function waitForRunEnd({
  db,
  logger,
  events,
  runId,
  timeoutMs,
}: {
  db: Db;
  logger: Logger;
  events: RunEventBus;
  runId: string;
  timeoutMs: number;
}): Promise<boolean> {
  let announced = 0;
  let wake: (() => void) | undefined;
  const unsubscribe = events.subscribe(runId, () => {
    announced += 1;
    wake?.();
  });
  // A field rather than a variable: the timer sets it while this function awaits.
  const deadline = { passed: false };
  const timer = setTimeout(() => {
    deadline.passed = true;
    wake?.();
  }, timeoutMs);
  try {
    for (;;) {
      const seen = announced;
      if ((await getRunStatus({ db, logger, runId, access: "server" })) !== "running") return true;
      if (deadline.passed) return false;
      if (announced === seen) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    }
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
}
