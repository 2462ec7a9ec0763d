import type { AnalysisProfile, AnalyzeBatchOutput, Analyzer } from "@/server/analysis/analyzer";
import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import type { withMarks } from "@/server/marks/mark-store";
import { listCandidateLanes } from "@/server/runs/candidate-lanes";
import { llmBudgetRanOutWarning } from "@/server/runs/monthly-llm-budget";
import { saveCandidateDetails, updateRun } from "@/server/runs/run-writes";
import type { RepositorySource } from "@/server/sources/repository-source";
import type { AnalysisResult } from "@/shared/analysis";
import type { ScoutEvent } from "@/shared/events";
import type { RepoContents } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";
import type { FilteredOut } from "@/shared/runs";
import { createAnalysisBatchQueue } from "./analysis-batch-queue";
import { createBatchAnalysis, isLlmBudgetSpent, type RunLlmBudget } from "./analyze-one-batch";
import { createAnalysisCacheLookup } from "./analysis-cache-lookup";
import { createAnalysisProgress } from "./analysis-progress";
import { feedCandidates, type ScreenedGroup } from "./candidate-feed";
import { createNewnessLookup } from "./newness-lookup";
import { createResultEmitter } from "./result-emitter";
import { runBatches, type BatchOutcome } from "./run-batches";
import { describeAnalysisFailure, stageMessages } from "./run-messages";
import type { RunTally } from "./run-tally";
import { createScreeningTotals } from "./screening-totals";

/**
 * The pipeline's middle, where fetching and analysis overlap: each details group of candidates is screened
 * as it arrives (candidate-feed.ts); its repositories with a stored analysis are answered from the cache at
 * once (analysis-cache-lookup.ts), the rest are queued in analysis batches that start as soon as they are
 * full (analysis-batch-queue.ts), and each analysis is emitted the moment the analyzer has it. Both streams
 * run under the run's signal, and this generator yields the run's events in one order: statuses, warnings,
 * results one by one, and progress whose count only grows (analysis-progress.ts).
 */

export type FetchAndAnalyzeOptions = {
  runId: string;
  /** Every repository that passed the metadata stage, best contribution signals first. */
  passed: readonly RepoMetadata[];
  /** What the metadata stage dropped, for the run's filteredOut list. */
  metadataFilteredOut: readonly FilteredOut[];
  requireStarterIssues: boolean;
  profile: AnalysisProfile;
  /** The developer's marks on the discovered repositories, which each streamed result carries. */
  marks: Parameters<typeof withMarks>[1];
  tally: RunTally;
  signal: AbortSignal;
  /** Resolves once discovery's repositories are stored: analyses refer to them. */
  repositoriesStored: () => Promise<unknown>;
  /** Analyses an earlier attempt at this run stored and streamed (a resumed run): kept, not asked for again. */
  earlierResults: readonly AnalysisResult[];
  /** Called when the analyzer's credential was refused, so the run can stop everything else. */
  onRefusedCredential: (error: unknown) => void;
  /**
   * The owner's monthly LLM token budget and what is left of it besides this run; null: no budget. A batch is
   * not sent once the run has spent what is left: its candidates are skipped, with one warning.
   */
  llmBudget: RunLlmBudget | null;
  deps: {
    db: Db;
    source: RepositorySource;
    analyzer: Analyzer;
    clock: () => Date;
    settings: {
      maxRepos: number;
      analysisBatchSize: number;
      analysisBatchConcurrency: number;
      analysisTimeoutMs: number;
    };
    logger: Logger;
  };
};

type Step =
  | { source: "feed"; result: IteratorResult<ScreenedGroup> }
  | { source: "analysis"; result: IteratorResult<AnalysisOutcome> };
type AnalysisOutcome = BatchOutcome<RepoMetadata, AnalyzeBatchOutput, AnalysisResult>;

export type FetchAndAnalyzeStage = {
  /**
   * The stage's events, from the first group's arrival to the last analysis. Returns "all-filtered" when
   * no candidate was left to analyze, "analyzed" otherwise (whether or not every analysis succeeded).
   */
  events: () => AsyncGenerator<ScoutEvent, "analyzed" | "all-filtered", undefined>;
  /** Stops fetching and analysis, for a run that ends before it has taken the stage's events. */
  stop: () => void;
};

/**
 * Starts the stage: the first details queries go out at once, so their round trip overlaps whatever the
 * run still has to write and announce before it takes the stage's events.
 */
export function startFetchAndAnalyze(options: FetchAndAnalyzeOptions): FetchAndAnalyzeStage {
  const { runId, passed, tally, deps } = options;
  const { db, analyzer, clock, settings } = deps;
  const rank = new Map(passed.map((repo, index) => [repo.fullName, index]));
  /** "owner/name" → README text or null (none), for every candidate whose README is known. */
  const readmes = new Map<string, string | null>();
  /** "owner/name" → top-level entries or null (unknown), for the built-in analyzer's non-project check. */
  const contents = new Map<string, RepoContents | null>();
  const progress = createAnalysisProgress({ expectedTotal: Math.min(settings.maxRepos, passed.length) });
  const screening = createScreeningTotals({
    passed: passed.length,
    metadataFilteredOut: options.metadataFilteredOut,
    requireStarterIssues: options.requireStarterIssues,
  });
  const cache = createAnalysisCacheLookup({ db, analyzer, profile: options.profile, clock });
  const newness = createNewnessLookup({ db, logger: deps.logger, runId });
  const queue = createAnalysisBatchQueue({ batchSize: settings.analysisBatchSize });
  const earlier = new Map(options.earlierResults.map((result) => [result.repo.toLowerCase(), result]));
  const emitter = createResultEmitter({ db, runId, clock, tally, progress, newness, marks: options.marks });

  // One signal for both streams, so that either one failing stops the other at once.
  const stage = new AbortController();
  const signal = AbortSignal.any([options.signal, stage.signal]);
  const feed = feedCandidates({
    passed,
    maxRepos: settings.maxRepos,
    requireStarterIssues: options.requireStarterIssues,
    db,
    source: deps.source,
    clock,
    signal,
    onRequest: () => {
      tally.countGitHubRequest();
    },
  });
  const analysis = runBatches<RepoMetadata, AnalyzeBatchOutput, AnalysisResult>({
    batches: queue.batches,
    concurrency: settings.analysisBatchConcurrency,
    timeoutMs: settings.analysisTimeoutMs,
    signal,
    run: createBatchAnalysis({
      analyzer,
      profile: options.profile,
      readmes,
      contents,
      tally,
      llmBudget: options.llmBudget,
      clock,
      onRefusedCredential: options.onRefusedCredential,
    }),
  });
  const reportProgress = () => progress.progress(tally.candidates.length);
  let notAnalyzedForBudget = 0;
  const warn = (message: string) => tally.warn(message);

  /** Takes one screened group in; says whether the feed has ended with nothing left to analyze. */
  async function* takeGroup(group: ScreenedGroup): AsyncGenerator<ScoutEvent, "all-filtered" | "more"> {
    for (const message of group.warnings) if (!tally.warnings.includes(message)) yield warn(message);
    for (const [name, readme] of group.readmes) readmes.set(name, readme);
    for (const [name, entries] of group.contents) contents.set(name, entries);
    screening.takeGroup(group);
    progress.takeGroup(group);
    tally.countReadmesFromCache(group.readmesFromCache);
    tally.addCandidates(group.ready, rank);

    // The group's uncached candidates go to the analyzer first: its answer takes seconds, the bookkeeping
    // below milliseconds, and no result is saved before that bookkeeping is done (results are taken in
    // after this group).
    const kept = group.ready.flatMap((repo) => earlier.get(repo.fullName.toLowerCase()) ?? []);
    const toAnswer = group.ready.filter((repo) => !earlier.has(repo.fullName.toLowerCase()));
    const cached = await cache.findHits(toAnswer, readmes);
    const released = queue.add(
      toAnswer.filter((repo) => !cached.has(repo.fullName)),
      { last: group.last },
    );

    // Stored before any of them is answered, so results read mid-run already show each card's issues.
    await options.repositoriesStored();
    await saveCandidateDetails({ db, runId, repos: group.ready });
    await updateRun({
      db,
      runId,
      update: {
        totalFiltered: screening.totalFiltered(),
        candidateIds: tally.candidates.map((repo) => repo.githubId),
        candidateLanes: listCandidateLanes(tally.candidates),
        filteredOut: screening.listFilteredOut(),
        usage: tally.usage,
        warnings: tally.warnings,
      },
    });
    await newness.addGroup(group.ready);

    if (group.last)
      yield* screening.summarize({ kept: tally.candidates.length, status: progress.status, warn });
    if (group.last && tally.candidates.length === 0) return "all-filtered";
    if (kept.length > 0 || cached.size > 0 || released > 0)
      yield* progress.startAnalyzing(tally.candidates.length);
    if (kept.length > 0) yield* emitter.keep(kept);
    if (cached.size > 0)
      yield* emitter.emit(
        [...cached.values()].map((hit) => hit.result),
        [...cached.values()].map((hit) => hit.inputTokens),
      );
    if (group.last) queue.end();
    return "more";
  }

  /** Takes one analysis batch's outcome in: a streamed result, its final answer, or its loss. */
  async function* takeOutcome(outcome: AnalysisOutcome): AsyncGenerator<ScoutEvent> {
    switch (outcome.status) {
      case "partial":
        yield* emitter.emit([outcome.value]);
        return;
      case "ok": {
        const { results, usage, skipped } = outcome.value;
        await cache.remember({ results, inputTokens: usage.inputTokens, batchLength: outcome.items.length });
        const lost = skipped.filter((name) => !emitter.hasEmitted(name));
        tally.skipped.push(...lost);
        if (lost.length > 0) tally.lostAnalysisCauses.add(stageMessages.unusableAnswerCause);
        // Results the analyzer did not stream (the built-in one, or a server that does not stream) go out now.
        yield* emitter.emit(results);
        await updateRun({ db, runId, update: { skipped: tally.skipped, usage: tally.usage } });
        if (lost.length > 0) {
          progress.count(lost.length);
          yield warn(stageMessages.noUsableAnswer(lost));
          yield reportProgress();
        }
        return;
      }
      case "failed":
      case "timed-out": {
        // What the batch already emitted stays; the rest of it is skipped.
        const names = outcome.items.map((repo) => repo.fullName).filter((name) => !emitter.hasEmitted(name));
        tally.skipped.push(...names);
        progress.count(names.length);
        if (isLlmBudgetSpent(outcome.error)) {
          // One warning for all of them, once the stage is over.
          notAnalyzedForBudget += names.length;
          tally.stopBecause("llm-budget", outcome.error.message);
          await updateRun({ db, runId, update: { skipped: tally.skipped, usage: tally.usage } });
          yield reportProgress();
          return;
        }
        tally.lostAnalysisCauses.add(
          describeAnalysisFailure(outcome.error, outcome.status, settings.analysisTimeoutMs),
        );
        await updateRun({ db, runId, update: { skipped: tally.skipped, usage: tally.usage } });
        if (names.length > 0) yield warn(stageMessages.analysisLost(names, outcome.status));
        if (outcome.status === "failed")
          deps.logger.error(`Run ${runId}: analysis batch ${outcome.index} failed`, outcome.error);
        yield reportProgress();
        return;
      }
    }
  }

  const nextFeedStep = (): Promise<Step> => feed.next().then((result) => ({ source: "feed", result }));
  const nextAnalysisStep = (): Promise<Step> =>
    analysis.next().then((result) => ({ source: "analysis", result }));
  let feedStep: Promise<Step> | null = nextFeedStep();
  // Settled below, or left when the run ends first (stop()); never an unhandled rejection meanwhile.
  feedStep.catch(() => {});
  const stop = () => {
    stage.abort(new DOMException("The fetch-and-analyze stage ended.", "AbortError"));
    queue.end();
  };
  return { events, stop };

  /** Interleaves the two streams: whichever has something first is taken in first. */
  async function* events(): AsyncGenerator<ScoutEvent, "analyzed" | "all-filtered", undefined> {
    let analysisStep: Promise<Step> | null = nextAnalysisStep();
    try {
      while (feedStep !== null || analysisStep !== null) {
        const step = await Promise.race([feedStep, analysisStep].filter((next) => next !== null));
        if (step.source === "feed") {
          if (step.result.done) {
            feedStep = null;
            queue.end();
            continue;
          }
          if ((yield* takeGroup(step.result.value)) === "all-filtered") return "all-filtered";
          feedStep = nextFeedStep();
        } else {
          if (step.result.done) {
            analysisStep = null;
            continue;
          }
          yield* takeOutcome(step.result.value);
          analysisStep = nextAnalysisStep();
        }
      }
      if (notAnalyzedForBudget > 0 && options.llmBudget)
        yield warn(llmBudgetRanOutWarning(options.llmBudget.tokensPerMonth, notAnalyzedForBudget));
      return "analyzed";
    } finally {
      // Ended early (a cancel, the deadline, a failure on either side): stop the other side too. Its pending
      // step settles once the abort reaches it; its outcome is moot.
      stop();
      feedStep?.catch(() => {});
      analysisStep?.catch(() => {});
    }
  }
}
