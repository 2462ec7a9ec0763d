import type { Analyzer, AnalysisProfile } from "@/server/analysis/analyzer";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { excludeDismissed } from "@/server/filtering/exclude-dismissed";
import {
  filterCandidates,
  judgeNonProjects,
  type NonProjectVerdicts,
} from "@/server/filtering/filter-candidates";
import { formatDuration } from "@/server/sources/github/errors";
import type { RepositorySource } from "@/server/sources/repository-source";
import type { Logger } from "@/server/logger";
import { readMarksOf } from "@/server/marks/mark-store";
import { upsertRepositories } from "@/server/repos/repo-records";
import { listCandidateLanes } from "@/server/runs/candidate-lanes";
import { finishRun, updateRun } from "@/server/runs/run-writes";
import type { RunToExecute } from "@/server/runs/read-run-to-execute";
import type { ScoutEvent } from "@/shared/events";
import type { SearchFilters } from "@/shared/filters";
import type { SearchBlocker } from "@/shared/runs";
import type { RunLlmBudget } from "./analyze-one-batch";
import { startFetchAndAnalyze, type FetchAndAnalyzeStage } from "./fetch-and-analyze";
import { listFilteredOut } from "./filter-stages";
import { getRunResult } from "./get-run-result";
import { buildStatus as status, describeRepos, describeRunFailure, messages } from "./run-messages";
import { discoverAcrossLanes, planLanePages } from "./discover-lanes";
import { isRunAbandoned } from "./run-abandoned";
import { RunTally } from "./run-tally";

/**
 * One search, as a readable sequence of phases: discover → filter → fetch READMEs, starter issues and
 * health, overlapped with analysis → save.
 * It yields every ScoutEvent in order and always ends with exactly one terminal event (complete, error
 * or cancelled); the caller stores each event before publishing it. Results and totals are written as
 * they become known, so a reader of the run mid-way sees what exists so far.
 */

export type PipelineSettings = {
  maxRepos: number;
  /** SCOUT_BATCH_SIZE: repositories per analysis batch (one analyzer call). */
  analysisBatchSize: number;
  /** SCOUT_BATCH_CONCURRENCY: analysis batches in flight at once. */
  analysisBatchConcurrency: number;
  analysisTimeoutMs: number;
  /** SCOUT_RUN_TIMEOUT_MS: the whole run's deadline, after which it ends with what it has. */
  runTimeoutMs: number;
};

export type PipelineDeps = {
  db: Db;
  source: RepositorySource;
  analyzer: Analyzer;
  clock: () => Date;
  settings: PipelineSettings;
  logger: Logger;
};

export type RunPipelineOptions = {
  runId: string;
  /** Whose run: their "not interested" marks keep repositories out. */
  userId: string;
  filters: SearchFilters;
  profile: AnalysisProfile;
  signal: AbortSignal;
  deps: PipelineDeps;
  /**
   * A resumed run (a worker died part-way): which attempt this is, and what earlier attempts stored. Their
   * analyses are kept and not asked for again, and their spending is added to.
   */
  earlier?: RunToExecute["earlier"] & { attempt: number };
  /** The owner's monthly LLM token budget and what is left of it besides this run; null or absent: none. */
  llmBudget?: RunLlmBudget | null;
};

/** GitHub pages hold 100; ask for enough that the filters leave SCOUT_MAX_REPOS, within GitHub's 1,000. */
export function discoveryLimit(maxRepos: number): number {
  return Math.min(1000, Math.max(100, Math.ceil((maxRepos * 6) / 100) * 100));
}

export async function* runSearchPipeline(
  options: RunPipelineOptions,
): AsyncGenerator<ScoutEvent, void, undefined> {
  const { runId, userId, filters, profile, signal: cancelSignal, deps, earlier } = options;
  const { db, source, clock, settings } = deps;
  const tally = new RunTally(earlier);
  const { usage, warnings, skipped, analyzed } = tally;

  // Everything below runs under one signal: the user's cancel, the run's deadline, or a credential an
  // upstream refused (every further call would be refused too, so the analysis batches in flight are stopped).
  // A timer of our own rather than AbortSignal.timeout: it is cleared when the run ends, so a finished run
  // is not kept in memory until its deadline would have passed.
  const outOfTime = new AbortController();
  const deadlineTimer = setTimeout(() => {
    outOfTime.abort(new DOMException("The search reached its time limit.", "TimeoutError"));
  }, settings.runTimeoutMs);
  const deadline = outOfTime.signal;
  const refused = new AbortController();
  const signal = AbortSignal.any([cancelSignal, deadline, refused.signal]);

  let stage: FetchAndAnalyzeStage | undefined;

  const warn = (message: string) => tally.warn(message);

  try {
    if (earlier && earlier.attempt > 1) yield status("discovering", messages.resumed(earlier.attempt));
    // Discover
    yield status("discovering", "Searching GitHub...");
    const nonProjectVerdicts: NonProjectVerdicts = new Map();
    const discovery = await discoverAcrossLanes({
      source,
      filters,
      pages: planLanePages(discoveryLimit(settings.maxRepos)),
      today: clock(),
      signal,
      onRequest: () => {
        tally.countSearchRequest();
      },
      // The filter's costly rule is worked out on each page while the next ones are on their way: after
      // the source has sent its next request, not before.
      onPage: (repos) => {
        setImmediate(() => {
          judgeNonProjects(repos, nonProjectVerdicts);
        });
      },
    });
    for (const message of discovery.warnings) yield warn(message);
    signal.throwIfAborted();
    // Discovered repositories are stored once, when the first group of candidates arrives (analyses refer to
    // their rows): started any earlier, the writes would compete with the details queries for the event loop.
    let storingRepositories: Promise<void> | undefined;
    const storeRepositories = () =>
      (storingRepositories ??= upsertRepositories({ db, repos: discovery.repos, now: clock() }));
    // Filter, first stage, on the metadata discovery returned. Repositories the developer marked not
    // interested go before any README or token is spent on them.
    const marks = await readMarksOf({
      db,
      logger: deps.logger,
      userId,
      repos: discovery.repos.map((repo) => repo.fullName),
    });
    const filtered = excludeDismissed(
      filterCandidates({ repos: discovery.repos, filters, maxRepos: settings.maxRepos, nonProjectVerdicts }),
      { marks, maxRepos: settings.maxRepos },
    );
    // Fetch READMEs, starter issues and health a group at a time, screen each group by its READMEs, and
    // analyze its survivors while the next groups are fetched; stored analyses are reused
    // (fetch-and-analyze.ts). The first details queries go out now, so their round trip overlaps the run's
    // bookkeeping and announcements below.
    stage =
      filtered.candidates.length === 0
        ? undefined
        : startFetchAndAnalyze({
            runId,
            passed: filtered.passed,
            metadataFilteredOut: filtered.filteredOut,
            requireStarterIssues: filters.requireStarterIssues,
            profile,
            marks,
            tally,
            signal,
            repositoriesStored: storeRepositories,
            earlierResults: earlier?.results ?? [],
            onRefusedCredential: (error) => {
              refused.abort(error);
            },
            llmBudget: options.llmBudget ?? null,
            deps,
          });
    await updateRun({ db, runId, update: { totalDiscovered: discovery.repos.length, usage, warnings } });
    yield status("discovering", `Discovered ${discovery.repos.length} repositories`, {
      discovered: discovery.repos.length,
    });
    if (discovery.repos.length === 0) {
      await finishRun({ db, runId, status: "completed", now: clock() });
      yield { type: "error", message: messages.noRepositories, reason: "no-repositories" };
      return;
    }
    yield status("filtering", "Filtering candidates...");
    if (filtered.dismissed.length > 0)
      yield status("filtering", messages.skippedDismissed(filtered.dismissed.length));
    await updateRun({
      db,
      runId,
      update: {
        totalFiltered: filtered.passed.length,
        candidateIds: filtered.candidates.map((repo) => repo.githubId),
        candidateLanes: listCandidateLanes(filtered.candidates),
        filteredOut: listFilteredOut(filtered.filteredOut),
        warnings,
      },
    });
    yield status("filtering", `${filtered.passed.length} repos passed filters`, {
      passed: filtered.passed.length,
    });
    if (stage === undefined) {
      await storeRepositories();
      await finishRun({ db, runId, status: "completed", now: clock() });
      yield { type: "error", message: messages.allFiltered, reason: "all-filtered" };
      return;
    }

    yield status(
      "fetching",
      `Fetching READMEs and starter issues for ${Math.min(settings.maxRepos, filtered.passed.length)} repos...`,
    );
    const analyzedOutcome = yield* stage.events();
    if (analyzedOutcome === "all-filtered") {
      await finishRun({ db, runId, status: "completed", now: clock(), update: { usage, warnings } });
      yield { type: "error", message: messages.allFiltered, reason: "all-filtered" };
      return;
    }
    signal.throwIfAborted();

    // Save
    yield status("saving", "Saving results...");
    // `partial` needs at least one result; a run whose every candidate was skipped has nothing to show.
    if (analyzed.size === 0) {
      yield* fail(
        messages.nothingAnalyzed(tally.candidates.length, [...tally.lostAnalysisCauses]),
        tally.blockedBy,
      );
      return;
    }
    yield* complete();
  } catch (error) {
    // Another executor holds the run now: its log and its ending are that executor's to write.
    if (isRunAbandoned(cancelSignal)) return;
    if (cancelSignal.aborted) {
      await finishRun({ db, runId, status: "cancelled", now: clock(), update: { usage, warnings } });
      yield { type: "cancelled", message: messages.cancelled };
      return;
    }
    if (deadline.aborted && !refused.signal.aborted) {
      yield* endAtDeadline();
      return;
    }
    deps.logger.error(`Run ${runId} failed`, error);
    yield* fail(describeRunFailure(error), error instanceof AppError ? error.blockedBy : undefined);
  } finally {
    stage?.stop();
    clearTimeout(deadlineTimer);
  }

  /** Out of time: what was analyzed is kept and shown; with nothing analyzed, the run has failed. */
  async function* endAtDeadline(): AsyncGenerator<ScoutEvent, void, undefined> {
    const limit = formatDuration(settings.runTimeoutMs);
    if (analyzed.size === 0) {
      yield* fail(messages.outOfTime(limit));
      return;
    }
    const left = tally.listUnanalyzed();
    skipped.push(...left);
    yield warn(messages.stoppedAtTimeLimit(limit, describeRepos(left)));
    yield* complete();
  }

  /** Ends the run as failed; what it spent and warned about is kept. */
  async function* fail(
    message: string,
    blockedBy?: SearchBlocker,
  ): AsyncGenerator<ScoutEvent, void, undefined> {
    await finishRun({
      db,
      runId,
      status: "failed",
      now: clock(),
      errorMessage: message,
      update: { usage, warnings },
    });
    yield { type: "error", message, reason: "failed", ...(blockedBy ? { blockedBy } : {}) };
  }

  /** Ends a run that has at least one analysis: `partial` when any candidate was skipped. */
  async function* complete(): AsyncGenerator<ScoutEvent, void, undefined> {
    await finishRun({
      db,
      runId,
      status: skipped.length > 0 ? "partial" : "completed",
      now: clock(),
      update: { skipped, warnings, usage },
    });
    yield {
      type: "complete",
      data: await getRunResult({ db, logger: deps.logger, runId, access: "server" }),
    };
  }
}
