import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getRunStatus } from "@/server/runs/read-run-result";
import type { Logger } from "@/server/logger";
import type { RunStatusAnswer } from "@/shared/runs";
import type { RunRegistry } from "./run-registry";

export type CancelSearchDeps = { db: Db; registry: RunRegistry; logger: Logger };

const CANCEL_WAIT_MS = 10_000;

/** Cancels a running search and waits for it to wind down; a finished run is left as it is. */
export async function cancelSearch({
  deps,
  runId,
}: {
  deps: CancelSearchDeps;
  runId: string;
}): Promise<RunStatusAnswer> {
  const { db, registry, logger } = deps;
  const before = await getRunStatus({ db, logger, runId });
  if (!before) throw new AppError("NOT_FOUND", `No search run with id ${JSON.stringify(runId)}`);
  if (registry.cancel(runId)) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        registry.whenFinished(runId),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, CANCEL_WAIT_MS).unref();
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
  return { runId, status: (await getRunStatus({ db, logger, runId })) ?? before };
}
