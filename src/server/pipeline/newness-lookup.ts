import { findAnalyzedBefore, findRunForNewness, type RunForNewness } from "@/server/runs/new-since-last-run";
import type { ReadRunOptions } from "@/server/runs/read-run-result";
import type { RunAnalysisResult } from "@/shared/runs";

/**
 * "New since last time" for the results the run streams: which candidates an earlier run for the same
 * profile analyzed, looked up once per group as it arrives. When that cannot be told (a run stored without
 * a profile hash, or a failed lookup), streamed results carry no verdict; the run's stored answer still does.
 */
export type NewnessLookup = {
  addGroup: (repos: readonly { githubId: number }[]) => Promise<void>;
  /** The verdict to put on a streamed result; none when it cannot be told. */
  verdictFor: (repositoryId: number | undefined) => Pick<RunAnalysisResult, "newSinceLastRun">;
};

export function createNewnessLookup({ db, logger, runId }: Omit<ReadRunOptions, "access">): NewnessLookup {
  /** GitHub ids an earlier run for the same profile analyzed; null once it cannot be told. */
  let analyzedBefore: Set<number> | null = new Set();
  let run: RunForNewness | null | undefined;
  return {
    async addGroup(repos) {
      if (analyzedBefore === null || repos.length === 0) return;
      try {
        run ??= await findRunForNewness({ db, runId });
        const found =
          run && (await findAnalyzedBefore({ db, run, repositoryIds: repos.map((repo) => repo.githubId) }));
        if (!found) analyzedBefore = null;
        else for (const repositoryId of found) analyzedBefore.add(repositoryId);
      } catch (error) {
        logger.warn(`Run ${runId}: could not tell which results are new`, error);
        analyzedBefore = null;
      }
    },
    verdictFor: (repositoryId) =>
      repositoryId === undefined || analyzedBefore === null
        ? {}
        : { newSinceLastRun: !analyzedBefore.has(repositoryId) },
  };
}
