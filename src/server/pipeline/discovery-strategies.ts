import type { AnalysisProfile } from "@/server/analysis/analyzer";
import type { RepositorySource, SearchRepositoriesOutcome } from "@/server/sources/repository-source";
import {
  compareBySignals,
  compareByWaitingWork,
  type CandidateComparator,
} from "@/server/filtering/filter-candidates";
import { discoverAcrossLanes, planLanePages } from "./discover-lanes";
import type { SearchFilters } from "@/shared/filters";

/**
 * The ways discovery can find candidates, side by side, so the discovery measure
 * (measure-discovery.ts, `npm run eval:discovery`) compares them on the same data. Each strategy answers
 * as the source's own search does, so the pipeline's filter stage takes its answer unchanged.
 */

export type DiscoverOptions = {
  source: RepositorySource;
  filters: SearchFilters;
  /** Whose search it is: a strategy may weigh its lanes by skill level (today's search ignores it). */
  profile: AnalysisProfile;
  /** How many repositories to collect at most (the pipeline's discoveryLimit). */
  limit: number;
  /** The date the default activity window counts back from. */
  today: Date;
  signal?: AbortSignal;
  onRequest?: () => void;
};

export type DiscoveryStrategy = {
  /** The column heading in the measure's table. */
  name: string;
  description: string;
  discover: (options: DiscoverOptions) => Promise<SearchRepositoriesOutcome>;
  /** How the filter stage ranks what discovery found before the SCOUT_MAX_REPOS cap. */
  order: CandidateComparator;
};

/** Discovery before lanes: one best-match search for the filters, paged up to the limit. */
export const bestMatchDiscovery: DiscoveryStrategy = {
  name: "before",
  description:
    "one best-match search of the filters, ranked by contribution signals (the pipeline before lanes)",
  order: compareBySignals,
  discover: ({ source, filters, limit, signal, onRequest }) =>
    source.searchRepositories(filters, {
      limit,
      ...(signal ? { signal } : {}),
      ...(onRequest ? { onRequest } : {}),
    }),
};

/** Discovery through the four lanes, the limit split between them (discover-lanes.ts): the pipeline's own. */
export const laneDiscovery: DiscoveryStrategy = {
  name: "after",
  description:
    "starter, help-wanted, active and best-match lanes side by side, merged, labelled work ranked first",
  order: compareByWaitingWork,
  discover: ({ source, filters, limit, today, signal, onRequest }) =>
    discoverAcrossLanes({
      source,
      filters,
      pages: planLanePages(limit),
      today,
      ...(signal ? { signal } : {}),
      ...(onRequest ? { onRequest } : {}),
    }),
};

/** Every strategy the measure prints, in column order; a new strategy is added here. */
export const discoveryStrategies: readonly DiscoveryStrategy[] = [bestMatchDiscovery, laneDiscovery];
