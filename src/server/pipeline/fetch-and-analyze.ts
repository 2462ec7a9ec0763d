import { formatCountOf, pluralize } from "@/lib/words";
import { pushable } from "it-pushable";

import type { AnalysisProfile, AnalyzeBatchOutput, Analyzer } from "@/server/analysis/analyzer";
import { runBatches, type BatchOutcome } from "@/server/pipeline/run-batches";
import {
  buildAnalysisCacheKey,
  findCachedAnalyses,
  storeCachedAnalyses,
  type AnalysisCacheEntryInput,
  type AnalysisCacheKeyParts,
} from "@/server/cache/analysis-cache";
import type { Db } from "@/server/db/client";
import { describeAnalysisCap, type RejectedRepo } from "@/server/filtering/filter-candidates";
import type { RepositorySource } from "@/server/sources/repository-source";
import { feedCandidates, type ScreenedGroup } from "@/server/pipeline/candidate-feed";
import { listFilteredOut } from "@/server/pipeline/filter-stages";
import type { Logger } from "@/server/logger";
import { withMarks } from "@/server/marks/mark-store";
import { hashAnalysisProfile } from "@/server/profile/profile-hash";
import { findAnalyzedBefore, type RunForNewness } from "@/server/runs/new-since-last-run";
import { saveAnalysisResults, saveCandidateDetails, updateRun } from "@/server/runs/run-store";
import type { AnalysisResult } from "@/shared/analysis";
import type { Phase, ScoutEvent } from "@/shared/events";
import type { RepoMetadata } from "@/shared/repos";
import type { FilteredOut } from "@/shared/runs";

/**
 * The pipeline's middle, where fetching and analysis overlap: each group of candidates is screened as it
 * arrives (candidate-feed.ts); its repositories with a stored analysis are answered from the cache at once,
 * the rest are queued in batches that start as soon as they are full, and each analysis is emitted the
 * moment the analyzer has it. Both streams run under the run's signal, and this generator yields the run's
 * events in one order: statuses, warnings, results one by one, and progress whose count only grows.
 */

/** What the run has spent, found and lost so far; the pipeline reads it to end the run. */
export type RunTally = {
  usage: {
    githubRequests: number;
    llmInputTokens: number;
    llmOutputTokens: number;
    cachedResults: number;
    llmInputTokensSaved: number;
    readmesFromCache: number;
  };
  warnings: string[];
  skipped: string[];
  /** The candidates sent to analysis (cached ones included), in ranking order. */
  candidates: RepoMetadata[];
  /** Lower-cased "owner/name" of every candidate with a stored analysis in this run. */
  analyzed: Set<string>;
  /** Why analyses were lost, each cause once, for a run that ends with none. */
  batchFailures: Set<string>;
  firstResultAt: Date | null;
};

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
  /** Called when the analyzer's credential was refused, so the run can stop everything else. */
  onRefusedCredential: (error: unknown) => void;
  isRefusedCredential: (error: unknown) => boolean;
  describeBatchFailure: (error: unknown, outcome: "failed" | "timed-out") => string;
  warn: (message: string) => ScoutEvent;
  deps: {
    db: Db;
    source: RepositorySource;
    analyzer: Analyzer;
    clock: () => Date;
    settings: { maxRepos: number; batchSize: number; batchConcurrency: number; analysisTimeoutMs: number };
    logger: Logger;
  };
};

export const stageMessages = {
  allStarterIssuesClaimed:
    "Every open starter issue it lists is already claimed (assigned, or an open pull request will close it).",
  droppedByReadme: (dropped: number, passed: number) =>
    `${formatCountOf(dropped, "repo", "repos")} filtered out by ${pluralize(dropped, "its README", "their READMEs")}; ${passed} repos passed filters`,
  unverifiedStarterIssues: (names: readonly string[]) =>
    `Could not check that ${describeRepos(names)} still ${names.length === 1 ? "has" : "have"} an unclaimed starter issue; kept, since GitHub counts starter-labelled issues for ${names.length === 1 ? "it" : "them"}.`,
};

/** The analyzer's answer was unusable; said when a run whose every candidate was skipped names its cause. */
const unusableAnswerCause = "The analyzer gave no usable answer.";

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
  const { runId, passed, tally, deps, warn } = options;
  // From here on the candidates are those that passed the README stage, group by group.
  tally.candidates = [];
  const { db, analyzer, clock, settings } = deps;
  const rank = new Map(passed.map((repo, index) => [repo.fullName, index]));
  const readmes = new Map<string, string | null>();
  /** "owner/name" → what its analysis depends on, for the candidates whose README is known. */
  const cacheKeyParts = new Map<string, AnalysisCacheKeyParts>();
  const profileHash = hashAnalysisProfile(options.profile);
  const droppedByReadme: RejectedRepo[] = [];
  const claimedOut: FilteredOut[] = [];
  const unverified: string[] = [];
  /** Candidates not answered from the cache and not yet in a batch. */
  let waiting: RepoMetadata[] = [];
  let expectedTotal = Math.min(settings.maxRepos, passed.length);
  let feedDone = false;
  let phase: Phase = "fetching";
  /**
   * GitHub ids of the candidates an earlier run for the same profile analyzed, looked up once per group;
   * null when it cannot be told (a run stored without a profile hash, or a failed lookup), and the streamed
   * results then carry no "new" verdict (the run's stored answer still does).
   */
  let analyzedBefore: Set<number> | null = new Set();
  let runForNewness: RunForNewness | null | undefined;
  /** Lower-cased names whose analysis has been emitted in this run, so a batch's final answer skips them. */
  const emitted = new Set<string>();
  let processed = 0;

  // One signal for both streams, so that either one failing stops the other at once.
  const stage = new AbortController();
  const signal = AbortSignal.any([options.signal, stage.signal]);
  const readyBatches = pushable<RepoMetadata[]>({ objectMode: true });
  const feed = feedCandidates({
    passed,
    maxRepos: settings.maxRepos,
    requireStarterIssues: options.requireStarterIssues,
    db,
    source: deps.source,
    clock,
    signal,
    onRequest: () => {
      tally.usage.githubRequests += 1;
    },
  });
  const analysis = runBatches<RepoMetadata, AnalyzeBatchOutput, AnalysisResult>({
    batches: readyBatches,
    concurrency: settings.batchConcurrency,
    timeoutMs: settings.analysisTimeoutMs,
    signal,
    run: async (batch, context) => {
      try {
        return await analyzer.analyzeBatch({
          profile: options.profile,
          repos: batch,
          readmes,
          signal: context.signal,
          onResult: context.emit,
        });
      } catch (error) {
        if (options.isRefusedCredential(error)) options.onRefusedCredential(error);
        throw error;
      }
    },
  });

  const status = (message: string, counts: { passed?: number } = {}): ScoutEvent => ({
    type: "status",
    phase,
    message,
    ...counts,
  });
  const progress = (): ScoutEvent => {
    const total = Math.max(feedDone ? tally.candidates.length : expectedTotal, processed);
    return {
      type: "progress",
      phase: "analyzing",
      analyzed: processed,
      total,
      message: `Analyzed ${processed}/${total} repos...`,
    };
  };
  const totalFiltered = () => passed.length - droppedByReadme.length;

  /** Stores results and yields them, one event each, the first time each repository is answered. */
  async function* emitResults(results: readonly AnalysisResult[], fromCache: number[] = []) {
    const fresh = results.filter((result) => !emitted.has(result.repo.toLowerCase()));
    if (fresh.length === 0) return;
    for (const result of fresh) emitted.add(result.repo.toLowerCase());
    tally.firstResultAt ??= clock();
    tally.usage.cachedResults += fromCache.length;
    tally.usage.llmInputTokensSaved += fromCache.reduce((sum, tokens) => sum + tokens, 0);
    const repoIdsByName = new Map(
      tally.candidates.map((repo) => [repo.fullName.toLowerCase(), repo.githubId]),
    );
    await saveAnalysisResults({
      db,
      runId,
      results: fresh,
      repoIdsByName,
      update: { usage: tally.usage, skipped: tally.skipped, firstResultAt: tally.firstResultAt },
    });
    for (const result of fresh) {
      const repositoryId = repoIdsByName.get(result.repo.toLowerCase());
      if (repositoryId !== undefined) tally.analyzed.add(result.repo.toLowerCase());
      const newness =
        repositoryId === undefined || analyzedBefore === null
          ? {}
          : { newSinceLastRun: !analyzedBefore.has(repositoryId) };
      yield {
        type: "results",
        results: withMarks([{ ...result, ...newness }], options.marks),
      } satisfies ScoutEvent;
    }
    processed += fresh.length;
    yield progress();
  }

  function* startAnalysisPhase(): Generator<ScoutEvent> {
    if (phase === "analyzing") return;
    phase = "analyzing";
    yield status(`Analyzing ${feedDone ? tally.candidates.length : expectedTotal} repos...`);
  }

  /** Takes one screened group in; says whether the feed has ended with nothing left to analyze. */
  async function* takeGroup(group: ScreenedGroup): AsyncGenerator<ScoutEvent, "all-filtered" | "more"> {
    for (const message of group.warnings) if (!tally.warnings.includes(message)) yield warn(message);
    for (const [name, readme] of group.readmes) readmes.set(name, readme);
    droppedByReadme.push(...group.droppedByReadme);
    for (const repo of group.allClaimed)
      claimedOut.push({ repo: repo.fullName, reason: stageMessages.allStarterIssuesClaimed });
    unverified.push(...group.unverified.map((repo) => repo.fullName));
    tally.usage.readmesFromCache += group.readmesFromCache;
    tally.candidates = [...tally.candidates, ...group.ready].sort(
      (a, b) => (rank.get(a.fullName) ?? 0) - (rank.get(b.fullName) ?? 0),
    );
    expectedTotal = group.expectedTotal;
    feedDone = group.last;

    // The group's uncached candidates go to the analyzer first: its answer takes seconds, the bookkeeping
    // below milliseconds, and no result is saved before that bookkeeping is done (results are taken in
    // after this group).
    const cached = await lookUpCache(group.ready);
    waiting.push(...group.ready.filter((repo) => !cached.has(repo.fullName)));
    const fullBatches = feedDone
      ? Math.ceil(waiting.length / settings.batchSize)
      : Math.floor(waiting.length / settings.batchSize);
    for (let index = 0; index < fullBatches; index += 1)
      readyBatches.push(waiting.slice(index * settings.batchSize, (index + 1) * settings.batchSize));
    waiting = waiting.slice(fullBatches * settings.batchSize);

    // Stored before any of them is answered, so results read mid-run already show each card's issues.
    await options.repositoriesStored();
    await saveCandidateDetails({ db, runId, repos: group.ready });
    await updateRun({
      db,
      runId,
      update: {
        totalFiltered: totalFiltered(),
        candidateIds: tally.candidates.map((repo) => repo.githubId),
        filteredOut: listFilteredOut(options.metadataFilteredOut, [...droppedByReadme, ...claimedOut]),
        usage: tally.usage,
        warnings: tally.warnings,
      },
    });
    await lookUpAnalyzedBefore(group.ready);

    if (feedDone) yield* summarizeFetching();
    if (feedDone && tally.candidates.length === 0) return "all-filtered";
    if (cached.size > 0 || fullBatches > 0) yield* startAnalysisPhase();
    if (cached.size > 0)
      yield* emitResults(
        [...cached.values()].map((hit) => hit.result),
        [...cached.values()].map((hit) => hit.inputTokens),
      );
    if (feedDone) readyBatches.end();
    return "more";
  }

  /** Adds the group's candidates that an earlier run for this profile analyzed to `analyzedBefore`. */
  async function lookUpAnalyzedBefore(repos: readonly RepoMetadata[]) {
    if (analyzedBefore === null || repos.length === 0) return;
    try {
      runForNewness ??= await db.searchRun.findUnique({
        where: { id: runId },
        select: { id: true, startedAt: true, profileHash: true },
      });
      const found =
        runForNewness &&
        (await findAnalyzedBefore({
          db,
          run: runForNewness,
          repositoryIds: repos.map((repo) => repo.githubId),
        }));
      if (!found) analyzedBefore = null;
      else for (const repositoryId of found) analyzedBefore.add(repositoryId);
    } catch (error) {
      deps.logger.warn(`Run ${runId}: could not tell which results are new`, error);
      analyzedBefore = null;
    }
  }

  /** The fetch's totals, once every group is in: what the README stage and the starter issues dropped. */
  function* summarizeFetching(): Generator<ScoutEvent> {
    if (droppedByReadme.length > 0)
      yield status(stageMessages.droppedByReadme(droppedByReadme.length, totalFiltered()), {
        passed: totalFiltered(),
      });
    if (options.requireStarterIssues) {
      if (unverified.length > 0) yield warn(stageMessages.unverifiedStarterIssues(unverified));
      yield status(
        `${tally.candidates.length} of ${tally.candidates.length + claimedOut.length} repos have unclaimed starter issues`,
      );
    }
    const capWarning = describeAnalysisCap(tally.candidates.length, totalFiltered());
    if (capWarning) yield warn(capWarning);
  }

  /** The group's stored analyses that still apply: same README, starter issues, profile and analyzer. */
  async function lookUpCache(repos: readonly RepoMetadata[]) {
    const keyed = repos.flatMap((repo) => {
      // A README that could not be fetched is not the same input as "no README": neither looked up nor stored.
      const readme = readmes.get(repo.fullName);
      if (readme === undefined) return [];
      const parts: AnalysisCacheKeyParts = {
        repositoryId: repo.githubId,
        readme,
        ...(repo.starterIssues ? { starterIssues: repo.starterIssues } : {}),
        profileHash,
        analyzerKind: analyzer.kind,
        model: analyzer.model,
        promptVersion: analyzer.promptVersion,
      };
      cacheKeyParts.set(repo.fullName, parts);
      return [{ repo, key: buildAnalysisCacheKey(parts) }];
    });
    const found = await findCachedAnalyses({ db, keys: keyed.map(({ key }) => key), now: clock() });
    const hits = new Map<string, { result: AnalysisResult; inputTokens: number }>();
    for (const { repo, key } of keyed) {
      const hit = found.get(key);
      if (hit) hits.set(repo.fullName, { ...hit, result: { ...hit.result, repo: repo.fullName } });
    }
    return hits;
  }

  async function* takeOutcome(outcome: AnalysisOutcome): AsyncGenerator<ScoutEvent> {
    switch (outcome.status) {
      case "partial":
        yield* emitResults([outcome.value]);
        return;
      case "ok": {
        const { results, usage, skipped } = outcome.value;
        tally.usage.llmInputTokens += usage.inputTokens;
        tally.usage.llmOutputTokens += usage.outputTokens;
        await rememberAnalyses(results, usage.inputTokens, outcome.items.length);
        const lost = skipped.filter((name) => !emitted.has(name.toLowerCase()));
        tally.skipped.push(...lost);
        if (lost.length > 0) tally.batchFailures.add(unusableAnswerCause);
        // Results the analyzer did not stream (the built-in one, or a server that does not stream) go out now.
        yield* emitResults(results);
        await updateRun({ db, runId, update: { skipped: tally.skipped, usage: tally.usage } });
        if (lost.length > 0) {
          processed += lost.length;
          yield warn(`The analyzer gave no usable answer for ${describeRepos(lost)}; skipped.`);
          yield progress();
        }
        return;
      }
      case "failed":
      case "timed-out": {
        // What the batch already emitted stays; the rest of it is skipped.
        const names = outcome.items
          .map((repo) => repo.fullName)
          .filter((name) => !emitted.has(name.toLowerCase()));
        tally.skipped.push(...names);
        processed += names.length;
        tally.batchFailures.add(options.describeBatchFailure(outcome.error, outcome.status));
        await updateRun({ db, runId, update: { skipped: tally.skipped, usage: tally.usage } });
        if (names.length > 0)
          yield warn(
            `Analysis of ${describeRepos(names)} ${outcome.status === "timed-out" ? "timed out" : "failed"}; skipped.`,
          );
        if (outcome.status === "failed")
          deps.logger.error(`Run ${runId}: analysis batch ${outcome.index} failed`, outcome.error);
        yield progress();
        return;
      }
    }
  }

  /** Stores a finished batch's analyses for later runs, each with its share of the batch's input tokens. */
  async function rememberAnalyses(
    results: readonly AnalysisResult[],
    inputTokens: number,
    batchSize: number,
  ) {
    const share = Math.round(inputTokens / Math.max(1, batchSize));
    const entries: AnalysisCacheEntryInput[] = results.flatMap((result) => {
      const parts = cacheKeyParts.get(result.repo);
      return parts ? [{ parts, result, inputTokens: share }] : [];
    });
    await storeCachedAnalyses({ db, entries, now: clock() });
  }

  const nextFeedStep = (): Promise<Step> => feed.next().then((result) => ({ source: "feed", result }));
  const nextAnalysisStep = (): Promise<Step> =>
    analysis.next().then((result) => ({ source: "analysis", result }));
  let feedStep: Promise<Step> | null = nextFeedStep();
  // Settled below, or left when the run ends first (stop()); never an unhandled rejection meanwhile.
  feedStep.catch(() => {});
  const stop = () => {
    stage.abort(new DOMException("The fetch-and-analyze stage ended.", "AbortError"));
    readyBatches.end();
  };
  return { events, stop };

  async function* events(): AsyncGenerator<ScoutEvent, "analyzed" | "all-filtered", undefined> {
    let analysisStep: Promise<Step> | null = nextAnalysisStep();
    try {
      while (feedStep !== null || analysisStep !== null) {
        const step = await Promise.race([feedStep, analysisStep].filter((next) => next !== null));
        if (step.source === "feed") {
          if (step.result.done) {
            feedStep = null;
            readyBatches.end();
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

export function describeRepos(names: readonly string[]): string {
  if (names.length <= 3) return names.join(", ");
  return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}
