import type { Db } from "@/server/db/client";
import type { ScoutEvent } from "@/shared/events";

export const interruptedMessage = "The search was interrupted by a server restart.";

/**
 * At start-up: runs a dead process left `running` become `interrupted`, keep what they saved, and get a
 * terminal event. Their `totalAnalyzed` is recounted from the stored rows, whatever the dead process last
 * managed to write (no process writes to them any more, so the count cannot move under us).
 */
export async function markInterruptedRuns({ db, now }: { db: Db; now: Date }): Promise<string[]> {
  const event: ScoutEvent = { type: "error", message: interruptedMessage, reason: "interrupted" };
  const stale = await db.searchRun.findMany({ where: { status: "running" }, select: { id: true } });
  for (const { id } of stale) {
    const last = await db.runEvent.findFirst({
      where: { runId: id },
      orderBy: { seq: "desc" },
      select: { seq: true },
    });
    const totalAnalyzed = await db.analysisResult.count({ where: { runId: id } });
    await db.$transaction([
      db.searchRun.update({
        where: { id },
        data: { status: "interrupted", finishedAt: now, errorMessage: interruptedMessage, totalAnalyzed },
        select: { id: true },
      }),
      db.runEvent.create({
        data: {
          runId: id,
          seq: (last?.seq ?? 0) + 1,
          type: event.type,
          payload: event,
        },
        select: { id: true },
      }),
    ]);
  }
  return stale.map(({ id }) => id);
}
