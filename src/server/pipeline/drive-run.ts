import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { withNewSinceLastRun } from "@/server/runs/new-since-last-run";
import { appendRunEvent, finishRun, isTerminalEvent } from "@/server/runs/run-store";
import type { ScoutEvent } from "@/server/schemas";
import { messages } from "./run-pipeline";
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
      const stored = await withNewness({ db, logger, runId, event });
      registry.publish(runId, await appendRunEvent({ db, runId, seq, event: stored }));
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

/**
 * A `results` event with each result's "new since last time" verdict (its rows are saved before it is
 * emitted). The verdict is an extra: if it cannot be worked out, the event goes out without it, and the
 * run's final answer still carries it.
 */
async function withNewness({
  db,
  logger,
  runId,
  event,
}: {
  db: Db;
  logger: Logger;
  runId: string;
  event: ScoutEvent;
}): Promise<ScoutEvent> {
  if (event.type !== "results") return event;
  try {
    return { ...event, results: await withNewSinceLastRun({ db, runId, results: event.results }) };
  } catch (error) {
    logger.warn(`Run ${runId}: could not tell which results are new`, error);
    return event;
  }
}
