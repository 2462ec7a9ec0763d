import { randomUUID } from "node:crypto";
import type { AnalysisProfile } from "@/server/analysis/analyzer";
import type { GitHubAccountSources } from "@/server/auth/github-account-sources";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { hashAnalysisProfile } from "@/server/profile/profile-hash";
import { getProfile } from "@/server/profile/profile-store";
import type { SearchRateLimiter } from "@/server/rate-limit/search-rate-limiter";
import { countRunningRuns } from "@/server/runs/count-running-runs";
import { requireLlmBudgetLeft } from "@/server/runs/monthly-llm-budget";
import { endUnheldRun } from "@/server/runs/recover-interrupted-runs";
import { createRun } from "@/server/runs/run-writes";
import type { SearchFilters } from "@/shared/filters";
import type { SearchStarted } from "@/shared/runs";
import type { RunDispatcher } from "./run-dispatcher";
import type { RunEventBus } from "./run-event-bus";
import { messages } from "./run-messages";
import type { SearchAdmission } from "./search-admission";

/** What starting a search uses: the store, the limits, and whatever executes runs. */
export type StartSearchDeps = {
  db: Db;
  clock: () => Date;
  logger: Logger;
  rateLimiter: SearchRateLimiter;
  admission: SearchAdmission;
  dispatcher: RunDispatcher;
  events: RunEventBus;
  limits: { maxActiveSearches: number; pickupTimeoutMs: number };
  /** When people search with their own GitHub token, one GitHub no longer accepts refuses the search. */
  githubAccounts: Pick<GitHubAccountSources, "requireToken"> | null;
  /** Each person's monthly LLM token budget; null: none. */
  llmTokensPerMonth: number | null;
};

/** How long a client should wait before trying again while its search (or the server) is busy. */
const BUSY_RETRY_AFTER_SECONDS = 10;

export const noProfileMessage = "Save a developer profile before searching";
export const busyMessage = "A search is already running. Wait for it to finish or cancel it, then try again.";
export const serverBusyMessage = (max: number) =>
  `The server is running its maximum of ${max} searches at once. Try again in a moment.`;

/**
 * Validated filters in, a running search out: checks the profile, the person's GitHub token and LLM budget
 * where those apply, and the limits (one running search per client, a cap for the whole server, the hourly
 * limit), records the run with the profile it scores for, and
 * hands it to whatever executes runs. A refused search costs nothing. It returns at once; progress is read
 * from the run's event log.
 */
export async function startSearch({
  deps,
  userId,
  filters,
  clientKey,
  profile: givenProfile,
  runId = randomUUID(),
}: {
  deps: StartSearchDeps;
  /** Whose search: it ranks for their profile, and the run is theirs. */
  userId: string;
  filters: SearchFilters;
  /**
   * Whose limits the search counts against: one running search and the hourly number. The user when people
   * sign in; the client's address when nobody does (searchLimitKey).
   */
  clientKey: string;
  /** The profile it ranks for; by default the person's saved profile. A watch brings its own. */
  profile?: AnalysisProfile;
  /** The run's id, when the caller has to record it before the run exists (a watch's slot). */
  runId?: string;
}): Promise<SearchStarted> {
  const { db, rateLimiter, clock, logger, limits } = deps;
  const profile = givenProfile ?? (await getProfile({ db, logger, userId }));
  if (!profile) throw new AppError("BAD_REQUEST", noProfileMessage);
  await deps.githubAccounts?.requireToken(userId);
  if (deps.llmTokensPerMonth !== null)
    await requireLlmBudgetLeft({ db, userId, now: clock(), tokensPerMonth: deps.llmTokensPerMonth });

  await deps.admission.withLock(async () => {
    const running = await countRunningRuns({ db, clientKey });
    if (running.client > 0) {
      throw new AppError("TOO_MANY_REQUESTS", busyMessage, { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS });
    }
    if (running.server >= limits.maxActiveSearches) {
      throw new AppError("TOO_MANY_REQUESTS", serverBusyMessage(limits.maxActiveSearches), {
        retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
      });
    }
    await rateLimiter.consume(clientKey);
    try {
      const now = clock();
      const { languages, topics, skillLevel, goals } = profile;
      await createRun({
        db,
        runId,
        userId,
        filters,
        clientKey,
        now,
        profileHash: hashAnalysisProfile(profile),
        profile: { languages, topics, skillLevel, goals },
        pickupDeadline: new Date(now.getTime() + limits.pickupTimeoutMs),
      });
    } catch (error) {
      await rateLimiter.refund(clientKey);
      throw error;
    }
  });

  try {
    await deps.dispatcher.dispatch(runId);
  } catch (error) {
    // Recorded but never handed over: end it now rather than at its pickup deadline.
    logger.error(`Run ${runId} could not be handed to an executor`, error);
    const entry = await endUnheldRun({
      db,
      runId,
      now: clock(),
      ending: {
        status: "failed",
        event: { type: "error", message: messages.failed, reason: "failed" },
        stillMatching: { leaseOwner: null },
      },
    });
    if (entry) await deps.events.announce(runId, entry).catch(() => undefined);
    await rateLimiter.refund(clientKey);
    throw error;
  }
  return { runId, status: "running" };
}
