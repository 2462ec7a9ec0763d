import type { GitHubAccountSources } from "@/server/auth/github-account-sources";
import { getProfile } from "@/server/profile/profile-store";
import { claimRun, isCancelRequested, releaseLease, renewLease } from "@/server/runs/run-lease";
import { llmTokensSpentThisMonth } from "@/server/runs/monthly-llm-budget";
import { readRunToExecute } from "@/server/runs/read-run-to-execute";
import { driveRun } from "./drive-run";
import type { RunEventBus } from "./run-event-bus";
import { runSearchPipeline, type PipelineDeps } from "./run-pipeline";
import { isRunAbandoned } from "./run-abandoned";
import type { RunRegistry } from "./run-registry";

/** Who executes runs here, and how long their claim on a run holds without renewal. */
export type ExecutorIdentity = { owner: string; leaseMs: number };

export type ExecuteRunDeps = PipelineDeps & {
  registry: RunRegistry;
  events: RunEventBus;
  executor: ExecutorIdentity;
  /** When people search with their own GitHub token, each run's source is its owner's. */
  githubAccounts: GitHubAccountSources | null;
  /** Each person's monthly LLM token budget; null: none. */
  llmTokensPerMonth: number | null;
};

export type ExecuteRunOutcome = "executed" | "not-claimed";

/**
 * Executes one stored run, wherever it is called from (the embedded server, or a worker taking a job):
 * claims the run, renews the claim while the pipeline runs, stops on a cancel asked for anywhere, and lets go
 * at the end. A run that an earlier executor began (it died part-way) is resumed where its log ends.
 * "not-claimed": the run is over, being cancelled, or held by another executor; nothing was done.
 */
export async function executeRun({
  runId,
  deps,
}: {
  runId: string;
  deps: ExecuteRunDeps;
}): Promise<ExecuteRunOutcome> {
  const { db, clock, logger, registry, executor, llmTokensPerMonth } = deps;
  /** What the owner may still spend on this run: the month's budget less their other runs this month. */
  const readLlmBudget = async (userId: string) =>
    llmTokensPerMonth === null
      ? null
      : {
          tokensPerMonth: llmTokensPerMonth,
          tokensLeft:
            llmTokensPerMonth -
            (await llmTokensSpentThisMonth({ db, userId, now: clock(), exceptRunId: runId })),
        };
  const { owner, leaseMs } = executor;
  if (!(await claimRun({ db, runId, owner, now: clock(), leaseMs }))) return "not-claimed";

  const controller = registry.register(runId);
  const heartbeat = setInterval(
    () => {
      renewLease({ db, runId, owner, now: clock(), leaseMs })
        .then(({ held, cancelRequested }) => {
          if (!held) registry.abandon(runId);
          else if (cancelRequested) registry.cancel(runId);
        })
        .catch((error: unknown) => {
          // The database is unreachable for now; the lease only lapses if that lasts.
          logger.warn(`Run ${runId}: could not renew its lease`, error);
        });
    },
    Math.max(250, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref();
  try {
    // A cancel asked for between the claim and registering here was announced to nobody: look once.
    if (await isCancelRequested({ db, runId })) registry.cancel(runId);
    const run = await readRunToExecute({ db, logger, runId });
    const profile = run?.profile ?? (run ? await getProfile({ db, logger, userId: run.userId }) : null);
    if (!run || !profile) {
      // Filters or profile lost or damaged: the pipeline's own failure path ends the run with its event.
      logger.error(`Run ${runId}: its filters or profile could not be read`);
    }
    const events =
      run && profile
        ? runSearchPipeline({
            runId,
            userId: run.userId,
            filters: run.filters,
            profile,
            signal: controller.signal,
            deps: { ...deps, source: deps.githubAccounts?.sourceFor(run.userId) ?? deps.source },
            earlier: { ...run.earlier, attempt: run.attempt },
            llmBudget: await readLlmBudget(run.userId),
          })
        : emptyRun();
    await driveRun({
      runId,
      events,
      lastSeq: run?.lastSeq ?? 0,
      db,
      bus: deps.events,
      logger,
      clock,
      abandoned: () => isRunAbandoned(controller.signal),
    });
    return "executed";
  } finally {
    clearInterval(heartbeat);
    registry.finish(runId);
    if (!isRunAbandoned(controller.signal)) {
      await releaseLease({ db, runId, owner }).catch((error: unknown) => {
        logger.warn(`Run ${runId}: could not release its lease`, error);
      });
    }
  }
}

/** No events at all: driveRun then records the run as failed, with its terminal event. */
async function* emptyRun(): AsyncGenerator<never, void, undefined> {}
