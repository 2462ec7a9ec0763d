import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { endUnheldRun } from "@/server/runs/recover-interrupted-runs";
import { getRunStatus } from "@/server/runs/read-run-result";
import { requestRunCancel } from "@/server/runs/run-lease";
import type { RunStatusAnswer } from "@/shared/runs";
import type { RunDispatcher } from "./run-dispatcher";
import type { RunEventBus } from "./run-event-bus";
import { messages } from "./run-messages";
import { waitForRunEnd } from "./wait-for-run-end";

export type CancelSearchDeps = {
  db: Db;
  logger: Logger;
  clock: () => Date;
  dispatcher: RunDispatcher;
  events: RunEventBus;
};

const CANCEL_WAIT_MS = 10_000;

/**
 * Cancels a running search, wherever it executes, and waits for it to wind down; a finished run is left as
 * it is. The request is stored with the run first (its executor also sees it when it renews its lease), then
 * announced; a run no executor has taken yet is ended here.
 */
export async function cancelSearch({
  deps,
  runId,
  userId,
}: {
  deps: CancelSearchDeps;
  runId: string;
  /** Who asks: another user's run is refused as unknown. */
  userId: string;
}): Promise<RunStatusAnswer> {
  const { db, logger, clock, dispatcher, events } = deps;
  const before = await getRunStatus({ db, logger, runId, access: { userId } });
  if (!before) throw new AppError("NOT_FOUND", `No search run with id ${JSON.stringify(runId)}`);
  if (await requestRunCancel({ db, runId, now: clock() })) {
    const ended = waitForRunEnd({ db, logger, events, runId, timeoutMs: CANCEL_WAIT_MS });
    const unclaimed = await endUnheldRun({
      db,
      runId,
      now: clock(),
      ending: {
        status: "cancelled",
        event: { type: "cancelled", message: messages.cancelled },
        stillMatching: { leaseOwner: null },
      },
    });
    if (unclaimed) {
      await events.announce(runId, unclaimed);
      await events.announceEnded(runId);
    } else {
      await dispatcher.signalCancel(runId);
    }
    await ended;
  }
  return { runId, status: (await getRunStatus({ db, logger, runId, access: "server" })) ?? before };
}
