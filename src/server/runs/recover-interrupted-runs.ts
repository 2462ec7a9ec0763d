import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import type { ScoutEvent } from "@/shared/events";
import type { StoredEvent } from "./run-events";

export const interruptedMessage = "The search was interrupted by a server restart.";
export const abandonedMessage = "The search was interrupted: no worker could take it up in time.";

/** A run nobody executes any more: its status, its terminal event, and the condition it must still meet. */
type UnheldRunEnding = {
  status: "interrupted" | "cancelled" | "failed";
  event: Extract<ScoutEvent, { type: "error" | "cancelled" }>;
  /** Compare-and-set: the run is ended only if it still matches (for instance, still unclaimed). */
  stillMatching?: Prisma.SearchRunWhereInput;
};

/**
 * Ends a running run that no executor holds: it keeps what it saved, its `totalAnalyzed` is recounted from the
 * stored rows, and its terminal event is appended after the last stored one. Returns that event, or null when
 * the run no longer matched (another process ended or took it first).
 */
export async function endUnheldRun({
  db,
  runId,
  now,
  ending,
}: {
  db: Db;
  runId: string;
  now: Date;
  ending: UnheldRunEnding;
}): Promise<StoredEvent | null> {
  const { status, event, stillMatching = {} } = ending;
  return db.$transaction(async (tx) => {
    const totalAnalyzed = await tx.analysisResult.count({ where: { runId } });
    const { count } = await tx.searchRun.updateMany({
      where: { ...stillMatching, id: runId, status: "running" },
      data: {
        status,
        finishedAt: now,
        errorMessage: event.type === "error" ? event.message : null,
        totalAnalyzed,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    if (count === 0) return null;
    const last = await tx.runEvent.findFirst({
      where: { runId },
      orderBy: { seq: "desc" },
      select: { seq: true },
    });
    const seq = (last?.seq ?? 0) + 1;
    await tx.runEvent.create({
      data: { runId, seq, type: event.type, payload: event },
      select: { id: true },
    });
    return { seq, event };
  });
}

/**
 * At start-up of the embedded server (one process, so nothing else can be executing them): runs a dead
 * process left `running` become `interrupted`, keep what they saved, and get a terminal event.
 */
export async function markInterruptedRuns({ db, now }: { db: Db; now: Date }): Promise<string[]> {
  const stale = await db.searchRun.findMany({ where: { status: "running" }, select: { id: true } });
  const ended: string[] = [];
  for (const { id } of stale) {
    const event = await endUnheldRun({
      db,
      runId: id,
      now,
      ending: {
        status: "interrupted",
        event: { type: "error", message: interruptedMessage, reason: "interrupted" },
      },
    });
    if (event) ended.push(id);
  }
  return ended;
}
