import { randomUUID } from "node:crypto";
import { AppError } from "@/server/errors";
import { hashAnalysisProfile } from "@/server/profile/profile-hash";
import { getProfile } from "@/server/profile/profile-store";
import type { SearchRateLimiter } from "@/server/rate-limit/search-rate-limiter";
import { createRun } from "@/server/runs/run-writes";
import type { SearchFilters } from "@/shared/filters";
import type { SearchStarted } from "@/shared/runs";
import { driveRun } from "./drive-run";
import type { RunRegistry } from "./run-registry";
import { runSearchPipeline, type PipelineDeps } from "./run-pipeline";

/** What starting a search uses: the pipeline's own dependencies, the run registry and the rate limiter. */
export type StartSearchDeps = PipelineDeps & { registry: RunRegistry; rateLimiter: SearchRateLimiter };

/** How long a client should wait before trying again while another search runs. */
const BUSY_RETRY_AFTER_SECONDS = 10;

export const noProfileMessage = "Save a developer profile before searching";

/**
 * Validated filters in, a running search out: checks the profile and the limits, records the run, and
 * starts the pipeline in the background. It returns at once; progress is read from the run's event log.
 */
export async function startSearch({
  deps,
  filters,
  clientIp,
}: {
  deps: StartSearchDeps;
  filters: SearchFilters;
  clientIp: string;
}): Promise<SearchStarted> {
  const { db, registry, rateLimiter, clock, logger } = deps;
  const profile = await getProfile({ db, logger });
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
    await createRun({
      db,
      runId,
      filters,
      clientKey: clientIp,
      now: clock(),
      profileHash: hashAnalysisProfile(profile),
    });
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
      source: deps.source,
      analyzer: deps.analyzer,
      clock,
      settings: deps.settings,
      logger,
    },
  });
  void driveRun({ runId, events, db, registry, logger, clock });
  return { runId, status: "running" };
}
