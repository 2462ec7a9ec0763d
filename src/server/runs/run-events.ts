import type { Db } from "@/server/db/client";
import { readStored, runOrigin } from "@/server/db/stored-json";
import type { Logger } from "@/server/logger";
import { scoutEventSchema, terminalEventTypes, type ScoutEvent } from "@/shared/events";

/** A run's append-only event log: what the stream replays, in the order the run produced it. */

export type StoredEvent = { seq: number; event: ScoutEvent };

export function isTerminalEvent(event: ScoutEvent): boolean {
  return (terminalEventTypes as readonly string[]).includes(event.type);
}

/** Stores consecutive events of one run in one statement: all of them or, should it fail, none. */
export async function appendRunEvents({
  db,
  runId,
  entries,
}: {
  db: Db;
  runId: string;
  entries: readonly StoredEvent[];
}): Promise<void> {
  await db.runEvent.createMany({
    data: entries.map(({ seq, event }) => ({ runId, seq, type: event.type, payload: event })),
  });
}

/** The run's stored events after `afterSeq`, in order; an event that no longer validates is left out (logged). */
export async function readRunEvents({
  db,
  logger,
  runId,
  afterSeq,
}: {
  db: Db;
  logger: Logger;
  runId: string;
  afterSeq: number;
}): Promise<StoredEvent[]> {
  const rows = await db.runEvent.findMany({
    where: { runId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    select: { seq: true, payload: true },
  });
  return rows.flatMap((row) => {
    const event = readStored(scoutEventSchema, row.payload, runOrigin(logger, runId)(`event ${row.seq}`));
    return event ? [{ seq: row.seq, event }] : [];
  });
}

/** The run's last stored event when it is a terminal one (validated like every stored event); else null. */
export async function readTerminalEvent({
  db,
  logger,
  runId,
}: {
  db: Db;
  logger: Logger;
  runId: string;
}): Promise<ScoutEvent | null> {
  const last = await db.runEvent.findFirst({
    where: { runId },
    orderBy: { seq: "desc" },
    select: { seq: true, payload: true },
  });
  if (!last) return null;
  const event = readStored(scoutEventSchema, last.payload, runOrigin(logger, runId)(`event ${last.seq}`));
  return event && isTerminalEvent(event) ? event : null;
}
