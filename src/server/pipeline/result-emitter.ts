import type { Db } from "@/server/db/client";
import { withMarks } from "@/server/marks/mark-store";
import { saveAnalysisResults } from "@/server/runs/run-writes";
import type { AnalysisResult } from "@/shared/analysis";
import type { ScoutEvent } from "@/shared/events";
import type { AnalysisProgress } from "./analysis-progress";
import type { NewnessLookup } from "./newness-lookup";
import type { RunTally } from "./run-tally";

/**
 * How analyses reach the developer: each is stored with the run, then streamed as its own `results` event
 * carrying its "new since last time" verdict and the developer's mark, then counted in the progress. A
 * repository is answered once per run: whatever arrives for it later (an analysis batch's final answer
 * repeating what it streamed) is dropped. The `results` events and the progress count after them are yielded
 * back to back, with no wait in between: driveRun stores and announces them together.
 */
export type ResultEmitter = {
  /** `fromCache`: for analyses answered from the analysis cache, the input tokens each cost when made. */
  emit: (results: readonly AnalysisResult[], fromCache?: readonly number[]) => AsyncGenerator<ScoutEvent>;
  /**
   * Takes in analyses an earlier attempt at the run already stored and streamed: they count, and are not
   * saved or streamed again.
   */
  keep: (results: readonly AnalysisResult[]) => Generator<ScoutEvent>;
  /** Whether the repository ("owner/name", any case) has been answered in this run. */
  hasEmitted: (repo: string) => boolean;
};

export function createResultEmitter({
  db,
  runId,
  clock,
  tally,
  progress,
  newness,
  marks,
}: {
  db: Db;
  runId: string;
  clock: () => Date;
  tally: RunTally;
  progress: AnalysisProgress;
  newness: NewnessLookup;
  /** The developer's marks on the discovered repositories, read once when the run started. */
  marks: Parameters<typeof withMarks>[1];
}): ResultEmitter {
  /** Lower-cased names whose analysis has been emitted in this run. */
  const emitted = new Set<string>();
  return {
    hasEmitted: (repo) => emitted.has(repo.toLowerCase()),
    *keep(results) {
      const fresh = results.filter((result) => !emitted.has(result.repo.toLowerCase()));
      if (fresh.length === 0) return;
      for (const result of fresh) {
        emitted.add(result.repo.toLowerCase());
        tally.analyzed.add(result.repo.toLowerCase());
      }
      progress.count(fresh.length);
      yield progress.progress(tally.candidates.length);
    },
    async *emit(results, fromCache = []) {
      const fresh = results.filter((result) => !emitted.has(result.repo.toLowerCase()));
      if (fresh.length === 0) return;
      for (const result of fresh) emitted.add(result.repo.toLowerCase());
      tally.firstResultAt ??= clock();
      tally.addCachedAnalyses(fromCache);
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
        yield {
          type: "results",
          results: withMarks([{ ...result, ...newness.verdictFor(repositoryId) }], marks),
        } satisfies ScoutEvent;
      }
      progress.count(fresh.length);
      yield progress.progress(tally.candidates.length);
    },
  };
}
