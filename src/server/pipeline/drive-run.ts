import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { appendRunEvent, isTerminalEvent } from "@/server/runs/run-events";
import { finishRun } from "@/server/runs/run-writes";
import type { ScoutEvent } from "@/shared/events";
import { messages } from "./run-messages";
import type { RunRegistry } from "./run-registry";

/**
 * Consumes a run's event generator in the background: each event is stored (with the next sequence
 * number) before it is published, so the log is the source of truth and live subscribers never see an
 * event a reload could not replay. If storing itself fails, the run still ends with a terminal event.
 */
export async function driveRun(options: {
  runId: string;
  events: AsyncIterable<ScoutEvent>;
  db: Db;
  registry: RunRegistry;
  logger: Logger;
  clock: () => Date;
}): Promise<void> {
  const { runId, events, db, registry, logger, clock } = options;
  let seq = 0;
  let ended = false;
  try {
    for await (const event of events) {
      seq += 1;
      registry.publish(runId, await appendRunEvent({ db, runId, seq, event }));
      if (isTerminalEvent(event)) ended = true;
    }
  } catch (error) {
    logger.error(`Run ${runId}: the event log could not be written`, error);
  } finally {
    if (!ended) {
      try {
        await finishRun({ db, runId, status: "failed", now: clock(), errorMessage: messages.failed });
        seq += 1;
        registry.publish(
          runId,
          await appendRunEvent({
            db,
            runId,
            seq,
            event: { type: "error", message: messages.failed, reason: "failed" },
          }),
        );
      } catch (error) {
        logger.error(`Run ${runId}: could not record the failure`, error);
      }
    }
    registry.finish(runId);
  }
}
