import { AppError } from "@/server/errors";
import { GitHubRateLimitError } from "@/server/sources/github/errors";
import { describeSpentRateLimit } from "@/server/sources/github/rate-limit";
import { addDays, differenceInCalendarDays, formatISO, parseISO } from "date-fns";
import {
  RESULT_CAP_WARNING,
  SEARCH_PAGE_REPOSITORIES,
  SEARCH_RESULT_CAP,
  type PushedRange,
  type RepositorySource,
  type SearchRepositoriesOptions,
  type SearchRepositoriesOutcome,
} from "@/server/sources/repository-source";
import type { SearchFilters } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";
import { planSearchQuery, resolvePushedAfter, searchLanes, type SearchLane } from "@/shared/search-query";

/**
 * Discovery as several searches (issue 23): the same filters, each lane ranked by another measure of work
 * waiting. Their answers are merged, each repository once, remembering which lanes found it.
 *
 * The best match's first page goes out alone: when the best match's pages will reach every match, the
 * other lanes could only find some of the same repositories again, so such a search costs what it always
 * did. Otherwise the other lanes' pages and the best match's further pages go out side by side (the source's own pacing keeps them
 * within GitHub's limits), and a lane that matches more than GitHub serves for one search splits its
 * further pages over ranges of push dates.
 */

/** How many pages of 100 each lane may read. */
export type LanePages = Record<SearchLane, number>;

/**
 * The pages for a discovery limit. The best match reads what the one search before lanes read, so lanes
 * only ever add to what discovery found; the work lanes read about as many again: half as many as the best
 * match to the starter lane, a quarter to each of the others, a page at least each. A lane that splits past the cap may read one page more than this
 * when it has a single further page to spread over two ranges.
 */
export function planLanePages(limit: number): LanePages {
  const oneSearch = Math.max(1, Math.ceil(limit / SEARCH_PAGE_REPOSITORIES));
  const others = Math.max(1, Math.floor(oneSearch / 4));
  return {
    starter: Math.ceil(oneSearch / 2),
    "help-wanted": others,
    active: others,
    "best-match": oneSearch,
  };
}

/**
 * Splits a push-date window into `count` consecutive ranges of (nearly) equal length, oldest first; fewer
 * when the window has fewer days.
 */
export function splitPushedWindow(window: PushedRange, count: number): PushedRange[] {
  const from = parseISO(window.from);
  const days = differenceInCalendarDays(parseISO(window.to), from) + 1;
  const parts = Math.min(Math.max(1, Math.floor(count)), Math.max(1, days));
  if (days < 1) return [window];
  const day = (offset: number) => formatISO(addDays(from, offset), { representation: "date" });
  return Array.from({ length: parts }, (_, index) => ({
    from: day(Math.floor((index * days) / parts)),
    to: day(Math.floor(((index + 1) * days) / parts) - 1),
  }));
}

export type LaneOutcome = { lane: SearchLane; outcome: SearchRepositoriesOutcome };

/** The warning when the filters match more than GitHub serves for one search. */
export function describeSample({ matching, looked }: { matching: number; looked: number }): string {
  const count = (value: number) => value.toLocaleString("en-US");
  return (
    `Results may be incomplete (GitHub caps at 1,000): ${count(matching)} repositories match, and ` +
    `discovery looked at a sample of ${count(looked)} through its searches and ranges of push dates. ` +
    "Try narrowing your filters."
  );
}

/**
 * One list from the lanes' answers: work lanes first in `searchLanes` order, each repository where it was
 * first found and with every lane that found it; warnings once each; totalCount the best match's (how many
 * repositories the filters match at all). The sources' cap warning gives way to one that says how much of
 * the whole discovery looked at.
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
  const bestMatch = outcomes.filter((entry) => entry.lane === "best-match");
  const totalCount = Math.max(
    0,
    ...(bestMatch.length > 0 ? bestMatch : outcomes).map((entry) => entry.outcome.totalCount),
  );
  const warnings = [...new Set(ordered.flatMap((entry) => entry.outcome.warnings))].filter(
    (warning) => warning !== RESULT_CAP_WARNING,
  );
  if (totalCount >= SEARCH_RESULT_CAP)
    warnings.unshift(describeSample({ matching: totalCount, looked: byId.size }));
  return {
    repos: [...byId.values()],
    totalCount,
    warnings,
    requests: outcomes.reduce((sum, entry) => sum + entry.outcome.requests, 0),
  };
}

export type DiscoverAcrossLanesOptions = {
  source: Pick<RepositorySource, "searchRepositories">;
  filters: SearchFilters;
  pages: LanePages;
  /** The date the default activity window counts back from (the run's clock). */
  today: Date;
  signal?: AbortSignal;
  /** Called as each search request is sent (retries included). */
  onRequest?: () => void;
  /** Called with each page's repositories as it arrives (a repository found by several lanes comes again). */
  onPage?: (repos: readonly RepoMetadata[]) => void;
};

/**
 * Runs the lanes and merges them. A lane that fails while another answered is dropped with a warning; the
 * best match's first page failing fails discovery, as the one search did before lanes. A lane whose search
 * string GitHub would refuse as too long (the lanes add qualifiers to what the input check measured) is
 * left out.
 */
export async function discoverAcrossLanes(
  options: DiscoverAcrossLanesOptions,
): Promise<SearchRepositoriesOutcome> {
  const { source, filters, pages, today, signal } = options;
  const search = (lane: SearchLane, more: Omit<SearchRepositoriesOptions, "lane" | "signal" | "onRequest">) =>
    source.searchRepositories(filters, {
      ...more,
      lane,
      ...(signal ? { signal } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      ...(options.onPage ? { onPage: options.onPage } : {}),
    });
  const fits = (lane: SearchLane, pushed?: PushedRange) =>
    planSearchQuery({ filters, today, lane, ...(pushed ? { pushed } : {}) }).kind === "ok";
  const window: PushedRange = {
    from: resolvePushedAfter({ pushedAfter: filters.pushedAfter, today }),
    // The activity window's own reading of the date (UTC), not the machine's time zone.
    to: today.toISOString().slice(0, 10),
  };

  /** A lane's further pages: past the cap over ranges of push dates, otherwise from where page one ended. */
  const continueLane = async (
    lane: SearchLane,
    first: SearchRepositoriesOutcome,
    pagesLeft: number,
  ): Promise<SearchRepositoriesOutcome[]> => {
    if (pagesLeft < 1 || !first.endCursor) return [];
    if (first.totalCount > SEARCH_RESULT_CAP) {
      const ranges = splitPushedWindow(
        window,
        Math.max(2, Math.min(Math.ceil(first.totalCount / SEARCH_RESULT_CAP), pagesLeft)),
      ).filter((range) => fits(lane, range));
      if (ranges.length > 1) {
        const perRange = Math.max(1, Math.floor(pagesLeft / ranges.length)) * SEARCH_PAGE_REPOSITORIES;
        return Promise.all(ranges.map((pushed) => search(lane, { limit: perRange, pushed })));
      }
    }
    return [await search(lane, { limit: pagesLeft * SEARCH_PAGE_REPOSITORIES, after: first.endCursor })];
  };

  /** A lane's pages; what it found before a failure is kept, and the failure is reported. */
  const runLane = async (lane: SearchLane, first?: SearchRepositoriesOutcome) => {
    const outcomes: SearchRepositoriesOutcome[] = [];
    try {
      const firstPage = first ?? (await search(lane, { limit: SEARCH_PAGE_REPOSITORIES }));
      outcomes.push(firstPage);
      outcomes.push(...(await continueLane(lane, firstPage, pages[lane] - 1)));
      return { lane, outcomes, error: undefined };
    } catch (error) {
      signal?.throwIfAborted();
      // A credential GitHub refused refuses every further call too: the run ends as it did with one search.
      if (error instanceof AppError && error.code === "CONFIGURATION") throw error;
      return { lane, outcomes, error };
    }
  };

  const firstBestMatch = await search("best-match", { limit: SEARCH_PAGE_REPOSITORIES });
  // When the best match's own pages reach every match, the other lanes could only find them again.
  const bestMatchReadsAll =
    firstBestMatch.totalCount <= pages["best-match"] * SEARCH_PAGE_REPOSITORIES || !firstBestMatch.endCursor;
  const lanes = await Promise.all([
    runLane("best-match", firstBestMatch),
    ...(bestMatchReadsAll
      ? []
      : searchLanes.filter((lane) => lane !== "best-match" && fits(lane)).map((lane) => runLane(lane))),
  ]);
  signal?.throwIfAborted();
  const merged = mergeLaneOutcomes(
    lanes.flatMap(({ lane, outcomes }) => outcomes.map((outcome) => ({ lane, outcome }))),
  );
  const failures = lanes.filter((entry) => entry.error !== undefined);
  const rateLimited = failures.find((entry) => entry.error instanceof GitHubRateLimitError)?.error;
  if (rateLimited instanceof GitHubRateLimitError) {
    merged.warnings.push(
      describeSpentRateLimit(
        rateLimited,
        `showing the ${merged.repos.length} repositories discovery found before it ran out.`,
      ),
    );
  }
  const failed = failures.filter((entry) => !(entry.error instanceof GitHubRateLimitError));
  if (failed.length > 0) {
    merged.warnings.push(
      `Discovery's ${failed.map((entry) => `"${entry.lane}"`).join(", ")} search could not be completed; ` +
        "the other searches' results are shown.",
    );
  }
  return merged;
}
