import type { AnalysisProfile, Analyzer } from "@/server/analysis/analyzer";
import {
  buildAnalysisCacheKey,
  findCachedAnalyses,
  storeCachedAnalyses,
  type AnalysisCacheEntryInput,
  type AnalysisCacheKeyParts,
  type CachedAnalysis,
} from "@/server/cache/analysis-cache";
import type { Db } from "@/server/db/client";
import { hashAnalysisProfile } from "@/server/profile/profile-hash";
import type { AnalysisResult } from "@/shared/analysis";
import type { RepoMetadata } from "@/shared/repos";

/**
 * The run's use of the analysis cache: a candidate whose analysis inputs (README, starter issues, profile,
 * analyzer) are unchanged since a stored analysis is answered from it, and every fresh analysis is stored
 * for later runs under the inputs it was looked up with.
 */
export type AnalysisCacheLookup = {
  /** The candidates' stored analyses that still apply, by "owner/name". */
  findHits: (
    repos: readonly RepoMetadata[],
    readmes: ReadonlyMap<string, string | null>,
  ) => Promise<Map<string, CachedAnalysis>>;
  /** Stores an analysis batch's results, each with its share of the batch's input tokens. */
  remember: (options: {
    results: readonly AnalysisResult[];
    inputTokens: number;
    batchLength: number;
  }) => Promise<void>;
};

export function createAnalysisCacheLookup({
  db,
  analyzer,
  profile,
  clock,
}: {
  db: Db;
  analyzer: Pick<Analyzer, "kind" | "model" | "promptVersion">;
  profile: AnalysisProfile;
  clock: () => Date;
}): AnalysisCacheLookup {
  const profileHash = hashAnalysisProfile(profile);
  /** "owner/name" → what its analysis depends on, for the candidates whose README is known. */
  const keyParts = new Map<string, AnalysisCacheKeyParts>();
  return {
    async findHits(repos, readmes) {
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
        keyParts.set(repo.fullName, parts);
        return [{ repo, key: buildAnalysisCacheKey(parts) }];
      });
      const found = await findCachedAnalyses({ db, keys: keyed.map(({ key }) => key), now: clock() });
      const hits = new Map<string, CachedAnalysis>();
      for (const { repo, key } of keyed) {
        const hit = found.get(key);
        if (hit) hits.set(repo.fullName, { ...hit, result: { ...hit.result, repo: repo.fullName } });
      }
      return hits;
    },
    async remember({ results, inputTokens, batchLength }) {
      const share = Math.round(inputTokens / Math.max(1, batchLength));
      const entries: AnalysisCacheEntryInput[] = results.flatMap((result) => {
        const parts = keyParts.get(result.repo);
        return parts ? [{ parts, result, inputTokens: share }] : [];
      });
      await storeCachedAnalyses({ db, entries, now: clock() });
    },
  };
}
