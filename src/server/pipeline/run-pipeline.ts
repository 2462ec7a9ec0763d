import type { Analyzer, AnalysisProfile } from "@/server/analysis/analyzer";
import { runBatches } from "@/server/analysis/batching";
import type { Db } from "@/server/db/client";
import { filterCandidates } from "@/server/filtering/filter-candidates";
import { AppError } from "@/server/errors";
import type { GitHubSource } from "@/server/github/github-source";
import type { Logger } from "@/server/logger";
import { upsertRepositories } from "@/server/runs/repo-records";
import { finishRun, getRunResult, saveAnalysisResults, updateRun } from "@/server/runs/run-store";
import type { Phase, ScoutEvent, SearchFilters, Usage } from "@/server/schemas";

/**
 * One search, as a readable sequence of phases: discover → filter → fetch READMEs → analyze → save.
 * It yields every ScoutEvent in order and always ends with exactly one terminal event (complete, error
 * or cancelled); the caller stores each event before publishing it. Results and totals are written as
 * they become known, so a reader of the run mid-way sees what exists so far.
 */

export type PipelineSettings = {
  maxRepos: number;
  batchSize: number;
  batchConcurrency: number;
  analysisTimeoutMs: number;
};

export type PipelineDeps = {
  db: Db;
  source: GitHubSource;
  analyzer: Analyzer;
  clock: () => Date;
  settings: PipelineSettings;
  logger: Logger;
};

export type RunPipelineOptions = {
  runId: string;
  filters: SearchFilters;
  profile: AnalysisProfile;
  signal: AbortSignal;
  deps: PipelineDeps;
};

export const messages = {
  noRepositories: "No repositories found. Try broadening your filters.",
  allFiltered: "All repos filtered out. Try adjusting your filters.",
  cancelled: "The search was cancelled.",
  failed: "The search failed unexpectedly. Please try again.",
};

/** GitHub pages hold 100; ask for enough that the filters leave SCOUT_MAX_REPOS, within GitHub's 1,000. */
export function discoveryLimit(maxRepos: number): number {
  return Math.min(1000, Math.max(100, Math.ceil((maxRepos * 6) / 100) * 100));
}

type StatusEvent = Extract<ScoutEvent, { type: "status" }>;
const status = (
  phase: Phase,
  message: string,
  counts: Pick<StatusEvent, "discovered" | "passed"> = {},
): StatusEvent => ({
  type: "status",
  phase,
  message,
  ...counts,
});

export async function* runSearchPipeline(
  options: RunPipelineOptions,
): AsyncGenerator<ScoutEvent, void, undefined> {
  const { runId, filters, profile, signal, deps } = options;
  const { db, source, analyzer, clock, settings } = deps;
  const usage: Usage = { githubRequests: 0, llmInputTokens: 0, llmOutputTokens: 0 };
  const warnings: string[] = [];
  const skipped: string[] = [];

  const warn = (message: string): ScoutEvent => {
    warnings.push(message);
    return { type: "warning", message };
  };

  try {
    // Discover
    yield status("discovering", "Searching GitHub...");
    const discovery = await source.searchRepositories(filters, {
      signal,
      limit: discoveryLimit(settings.maxRepos),
    });
    usage.githubRequests += discovery.requests;
    for (const message of discovery.warnings) yield warn(message);
    signal.throwIfAborted();
    // Stored while filtering and README fetching go on; it only has to be done before results are saved.
    const storingRepositories = upsertRepositories({ db, repos: discovery.repos, now: clock() });
    storingRepositories.catch(() => {}); // awaited below; this only keeps an early exit from leaving it unhandled
    await updateRun({ db, runId, update: { totalDiscovered: discovery.repos.length, usage, warnings } });
    yield status("discovering", `Discovered ${discovery.repos.length} repositories`, {
      discovered: discovery.repos.length,
    });
    if (discovery.repos.length === 0) {
      await finishRun({ db, runId, status: "completed", now: clock() });
      yield { type: "error", message: messages.noRepositories, reason: "no-repositories" };
      return;
    }

    // Filter
    yield status("filtering", "Filtering candidates...");
    const filtered = filterCandidates({ repos: discovery.repos, filters, maxRepos: settings.maxRepos });
    for (const message of filtered.warnings) yield warn(message);
    const candidates = filtered.candidates;
    await updateRun({
      db,
      runId,
      update: {
        totalFiltered: filtered.passed.length,
        candidateIds: candidates.map((repo) => repo.githubId),
        warnings,
      },
    });
    yield status("filtering", `${filtered.passed.length} repos passed filters`, {
      passed: filtered.passed.length,
    });
    if (candidates.length === 0) {
      await storingRepositories;
      await finishRun({ db, runId, status: "completed", now: clock() });
      yield { type: "error", message: messages.allFiltered, reason: "all-filtered" };
      return;
    }

    // Fetch READMEs
    yield status("fetching", `Fetching READMEs for ${candidates.length} repos...`);
    const [readmes] = await Promise.all([source.fetchReadmes(candidates, { signal }), storingRepositories]);
    usage.githubRequests += readmes.requests;
    for (const message of readmes.warnings) yield warn(message);
    await updateRun({ db, runId, update: { usage, warnings } });

    // Analyze
    yield status("analyzing", `Analyzing ${candidates.length} repos...`);
    const repoIdsByName = new Map(candidates.map((repo) => [repo.fullName.toLowerCase(), repo.githubId]));
    let processed = 0;
    let totalAnalyzed = 0;
    const batches = runBatches({
      items: candidates,
      batchSize: settings.batchSize,
      concurrency: settings.batchConcurrency,
      timeoutMs: settings.analysisTimeoutMs,
      signal,
      run: (batch, context) =>
        analyzer.analyzeBatch({ profile, repos: batch, readmes: readmes.readmes, signal: context.signal }),
    });
    for await (const outcome of batches) {
      processed += outcome.items.length;
      if (outcome.status === "ok") {
        const { results, usage: batchUsage } = outcome.value;
        usage.llmInputTokens += batchUsage.inputTokens;
        usage.llmOutputTokens += batchUsage.outputTokens;
        skipped.push(...outcome.value.skipped);
        totalAnalyzed = await saveAnalysisResults({ db, runId, results, repoIdsByName });
        await updateRun({ db, runId, update: { totalAnalyzed, usage, skipped } });
        if (results.length > 0) yield { type: "results", results };
        if (outcome.value.skipped.length > 0)
          yield warn(
            `The analyzer gave no usable answer for ${describeRepos(outcome.value.skipped)}; skipped.`,
          );
      } else {
        const names = outcome.items.map((repo) => repo.fullName);
        skipped.push(...names);
        await updateRun({ db, runId, update: { skipped, usage } });
        const why = outcome.status === "timed-out" ? "timed out" : "failed";
        yield warn(`Analysis of ${describeRepos(names)} ${why}; skipped.`);
        if (outcome.status === "failed")
          deps.logger.error(`Run ${runId}: analysis batch ${outcome.index} failed`, outcome.error);
      }
      yield {
        type: "progress",
        phase: "analyzing",
        analyzed: processed,
        total: candidates.length,
        message: `Analyzed ${processed}/${candidates.length} repos...`,
      };
    }
    signal.throwIfAborted();

    // Save
    yield status("saving", "Saving results...");
    await updateRun({ db, runId, update: { totalAnalyzed, skipped, warnings, usage } });
    await finishRun({ db, runId, status: skipped.length > 0 ? "partial" : "completed", now: clock() });
    yield { type: "complete", data: await getRunResult({ db, logger: deps.logger, runId }) };
  } catch (error) {
    if (signal.aborted) {
      await finishRun({ db, runId, status: "cancelled", now: clock() });
      yield { type: "cancelled", message: messages.cancelled };
      return;
    }
    deps.logger.error(`Run ${runId} failed`, error);
    await finishRun({ db, runId, status: "failed", now: clock(), errorMessage: messages.failed });
    yield { type: "error", message: userMessageFor(error), reason: "failed" };
  }
}

function describeRepos(names: readonly string[]): string {
  if (names.length <= 3) return names.join(", ");
  return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

/** Domain errors carry messages written for users; anything else could leak internals. */
function userMessageFor(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return messages.failed;
}
