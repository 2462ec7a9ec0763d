import type { RepositorySource, SearchRepositoriesOutcome } from "@/server/sources/repository-source";
import type { SearchFilters } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";
import { searchLanes, type SearchLane } from "@/shared/search-query";

/**
 * Discovery as several searches side by side (issue 23): the same filters, each lane ranked by another
 * measure of work waiting. Their answers are merged, each repository once, remembering which lanes found it.
 * The lanes share the run's GitHub budget: `limits` says how many repositories each may page through.
 */

export type LaneLimits = Record<SearchLane, number>;

/**
 * The default split of a discovery limit: the best match keeps half (today's search, never fewer than one
 * page), the three work lanes share the rest, one page at least each.
 */
export function splitDiscoveryLimit(limit: number, pageSize: number): LaneLimits {
  const perWorkLane = Math.max(pageSize, Math.floor(limit / 2 / 3 / pageSize) * pageSize);
  return {
    starter: perWorkLane,
    "help-wanted": perWorkLane,
    active: perWorkLane,
    "best-match": Math.max(pageSize, limit - 3 * perWorkLane),
  };
}

export type LaneOutcome = { lane: SearchLane; outcome: SearchRepositoriesOutcome };

/**
 * One list from the lanes' answers: work lanes first in `searchLanes` order, each repository where it was
 * first found and with every lane that found it; warnings once each; totalCount the best match's (how many
 * repositories the filters match at all).
 */
export function mergeLaneOutcomes(outcomes: readonly LaneOutcome[]): SearchRepositoriesOutcome {
  const ordered = [...outcomes].sort(
    (left, right) => searchLanes.indexOf(left.lane) - searchLanes.indexOf(right.lane),
  );
  const byId = new Map<number, RepoMetadata & { discoveredBy: SearchLane[] }>();
  for (const { lane, outcome } of ordered) {
    for (const repo of outcome.repos) {
      const known = byId.get(repo.githubId);
      if (known) {
        if (!known.discoveredBy.includes(lane)) known.discoveredBy.push(lane);
      } else {
        byId.set(repo.githubId, { ...repo, discoveredBy: [lane] });
      }
    }
  }
  const bestMatch = outcomes.find((entry) => entry.lane === "best-match")?.outcome;
  return {
    repos: [...byId.values()],
    totalCount: bestMatch?.totalCount ?? Math.max(0, ...outcomes.map((entry) => entry.outcome.totalCount)),
    warnings: [...new Set(ordered.flatMap((entry) => entry.outcome.warnings))],
    requests: outcomes.reduce((sum, entry) => sum + entry.outcome.requests, 0),
  };
}

/**
 * Runs the lanes at once through the source (its own pacing keeps them within GitHub's limits) and merges
 * them. A lane that fails while another answered is dropped with a warning; when every lane fails, the
 * best match's error (or the first) is the run's.
 */
export async function discoverAcrossLanes({
  source,
  filters,
  limits,
  signal,
  onRequest,
}: {
  source: Pick<RepositorySource, "searchRepositories">;
  filters: SearchFilters;
  limits: LaneLimits;
  signal?: AbortSignal;
  onRequest?: () => void;
}): Promise<SearchRepositoriesOutcome> {
  const settled = await Promise.allSettled(
    searchLanes.map(async (lane) => ({
      lane,
      outcome: await source.searchRepositories(filters, { lane, limit: limits[lane], signal, onRequest }),
    })),
  );
  const answered = settled.flatMap((entry) => (entry.status === "fulfilled" ? [entry.value] : []));
  const failed = settled.flatMap((entry, index) =>
    entry.status === "rejected" ? [{ lane: searchLanes[index], reason: entry.reason as unknown }] : [],
  );
  if (answered.length === 0) {
    throw (failed.find((entry) => entry.lane === "best-match") ?? failed[0])?.reason;
  }
  signal?.throwIfAborted();
  const merged = mergeLaneOutcomes(answered);
  if (failed.length > 0) {
    merged.warnings.push(
      `Discovery's ${failed.map((entry) => `"${entry.lane}"`).join(", ")} search could not be run; the others' results are shown.`,
    );
  }
  return merged;
}
