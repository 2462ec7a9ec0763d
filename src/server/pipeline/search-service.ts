import { randomUUID } from "node:crypto";
import { AppError } from "@/server/errors";
import { getProfile } from "@/server/profile/profile-service";
import { createRun, getRunStatus } from "@/server/runs/run-store";
import type { RunStatus, SearchFilters } from "@/server/schemas";
import type { Services } from "@/server/services";
import { driveRun } from "./drive-run";
import { runSearchPipeline } from "./run-pipeline";

/** How long a client should wait before trying again while another search runs. */
const BUSY_RETRY_AFTER_SECONDS = 10;

export const noProfileMessage = "Save a developer profile before searching";

/**
 * Validated filters in, a running search out: checks the profile and the limits, records the run, and
 * starts the pipeline in the background. It returns at once; progress is read from the run's event log.
 */
export async function startSearch({
  services,
  filters,
  clientIp,
}: {
  services: Services;
  filters: SearchFilters;
  clientIp: string;
}): Promise<{ runId: string; status: "running" }> {
  const { db, registry, rateLimiter, clock, logger } = services;
  const profile = await getProfile({ db });
  if (!profile) throw new AppError("BAD_REQUEST", noProfileMessage);

  if (registry.activeCount > 0) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      "A search is already running. Wait for it to finish or cancel it, then try again.",
      {
        retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
      },
    );
  }
  // Registered before the first await, so a second request arriving meanwhile sees this one as running.
  const runId = randomUUID();
  const controller = registry.register(runId);
  try {
    await rateLimiter.consume(clientIp);
  } catch (error) {
    registry.finish(runId);
    throw error;
  }
  try {
    await createRun({ db, runId, filters, clientKey: clientIp, now: clock() });
  } catch (error) {
    registry.finish(runId);
    await rateLimiter.refund(clientIp);
    throw error;
  }

  const events = runSearchPipeline({
    runId,
    filters,
    profile,
    signal: controller.signal,
    deps: {
      db,
      source: services.source,
      analyzer: services.analyzer,
      clock,
      settings: services.settings,
      logger,
    },
  });
  void driveRun({ runId, events, db, registry, logger, clock });
  return { runId, status: "running" };
}

const CANCEL_WAIT_MS = 10_000;

/** Cancels a running search and waits for it to wind down; a finished run is left as it is. */
export async function cancelSearch({
  services,
  runId,
}: {
  services: Services;
  runId: string;
}): Promise<{ runId: string; status: RunStatus }> {
  const { db, registry } = services;
  const before = await getRunStatus({ db, runId });
  if (!before) throw new AppError("NOT_FOUND", `No search run with id ${JSON.stringify(runId)}`);
  if (registry.cancel(runId)) {
    await Promise.race([
      registry.whenFinished(runId),
      new Promise((resolve) => setTimeout(resolve, CANCEL_WAIT_MS).unref()),
    ]);
  }
  return { runId, status: (await getRunStatus({ db, runId })) ?? before };
}
