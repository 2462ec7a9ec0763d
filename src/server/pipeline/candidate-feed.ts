import { DETAILS_GROUP_SIZE } from "@/server/sources/repository-source";
import { findCachedReadmes, storeReadmes } from "@/server/cache/readme-cache";
import type { Db } from "@/server/db/client";
import { filterCandidatesByReadme, type RejectedRepo } from "@/server/filtering/filter-candidates";
import {
  applyStarterIssueRequirement,
  attachCandidateDetails,
} from "@/server/filtering/starter-issue-requirement";

import type { RepositorySource } from "@/server/sources/repository-source";
import type { RepoContents } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";

/**
 * The filter's second stage, pipelined with analysis: the candidates' READMEs, starter issues and health
 * are fetched a details group at a time (DETAILS_GROUP_SIZE repositories, one GitHub query), a few groups
 * side by side, and each group is screened the moment it arrives, so its survivors can be analyzed while
 * later groups are still on their way. (Analysis cuts the survivors again, into analysis batches of
 * SCOUT_BATCH_SIZE per analyzer call: see analysis-batch-queue.ts.) A repository the README stage drops (or whose every starter issue is claimed, when the search
 * requires one) frees its place for the next one in the ranking, so analysis still gets up to `maxRepos`.
 *
 * Counting: only the candidates within the SCOUT_MAX_REPOS cap are fetched; those past it passed every
 * rule applied to them and count as passed, as the contract's "before the cap" asks.
 */

/** Details groups in flight at once: enough to overlap round trips, few enough for GitHub's burst limits. */
export const DETAILS_FETCH_CONCURRENCY = 3;
/** Repositories fetched at most, in multiples of `maxRepos`: the first fill, then refills for the drops. */
export const DETAILS_FETCH_BUDGET = 3;

export type ScreenedGroup = {
  /** Survivors that go on to analysis, with their starter issues and health attached when they loaded. */
  ready: RepoMetadata[];
  /** "owner/name" → README text or null (none), for every repository of the group whose README is known. */
  readmes: Map<string, string | null>;
  /** "owner/name" → the top-level entries (null: unknown), for every repository of the group. */
  contents: Map<string, RepoContents | null>;
  /** Dropped by their README, with the evidence in words. */
  droppedByReadme: RejectedRepo[];
  /** Dropped because every starter issue they list is claimed (requireStarterIssues only). */
  allClaimed: RepoMetadata[];
  /** Kept under requireStarterIssues without proof of an unclaimed issue. */
  unverified: RepoMetadata[];
  warnings: string[];
  /** READMEs taken from the README cache instead of GitHub. */
  readmesFromCache: number;
  /** No group is in flight or left to fetch: this is the feed's last group. */
  last: boolean;
  /** How many candidates analysis will get, as far as is known now; exact once `last` is true. */
  expectedTotal: number;
};

export type FeedCandidatesOptions = {
  /** Every repository that passed the metadata stage, best contribution signals first. */
  passed: readonly RepoMetadata[];
  maxRepos: number;
  requireStarterIssues: boolean;
  db: Db;
  source: RepositorySource;
  clock: () => Date;
  signal: AbortSignal;
  onRequest: () => void;
};

type GroupOutcome = { id: number; size: number; group: Omit<ScreenedGroup, "last" | "expectedTotal"> };

/**
 * Yields each fetched group, screened, in the order the groups arrive. At most DETAILS_FETCH_CONCURRENCY
 * groups are in flight; a group's drops are refilled from the ranking as soon as it arrives.
 */
export async function* feedCandidates(options: FeedCandidatesOptions): AsyncGenerator<ScreenedGroup> {
  const { passed, maxRepos } = options;
  const budget = maxRepos * DETAILS_FETCH_BUDGET;
  const inFlight = new Map<number, Promise<GroupOutcome>>();
  let next = 0;
  let fetched = 0;
  let accepted = 0;
  let inFlightRepos = 0;
  let groupIds = 0;

  const launchGroups = () => {
    while (inFlight.size < DETAILS_FETCH_CONCURRENCY && next < passed.length && fetched < budget) {
      const room = Math.min(maxRepos - accepted - inFlightRepos, budget - fetched, DETAILS_GROUP_SIZE);
      if (room <= 0) return;
      const repos = passed.slice(next, next + room);
      next += repos.length;
      fetched += repos.length;
      inFlightRepos += repos.length;
      const id = groupIds++;
      inFlight.set(
        id,
        screenGroup(repos, options).then((group) => ({ id, size: repos.length, group })),
      );
    }
  };

  launchGroups();
  try {
    while (inFlight.size > 0) {
      const arrived = await Promise.race(inFlight.values());
      inFlight.delete(arrived.id);
      inFlightRepos -= arrived.size;
      accepted += arrived.group.ready.length;
      launchGroups();
      const last = inFlight.size === 0;
      const stillToCome = inFlightRepos + Math.min(passed.length - next, budget - fetched);
      yield {
        ...arrived.group,
        last,
        expectedTotal: last ? accepted : Math.min(maxRepos, accepted + stillToCome),
      };
    }
  } finally {
    // Left early (a cancel, or a failed group): the others end on the same signal; their outcome is moot.
    for (const pending of inFlight.values()) pending.catch(() => {});
  }
}

/** Fetches one details group's READMEs (those not cached), starter issues and health, and screens it. */
async function screenGroup(
  repos: RepoMetadata[],
  options: FeedCandidatesOptions,
): Promise<GroupOutcome["group"]> {
  const { db, source, signal, onRequest, requireStarterIssues, clock } = options;
  const cachedReadmes = await findCachedReadmes({ db, repos });
  const outcome = await source.fetchCandidateDetails(repos, {
    signal,
    onRequest,
    skipReadmes: new Set(cachedReadmes.keys()),
  });
  const fetchedReadmes = repos.flatMap((repo) => {
    const readme = outcome.readmes.get(repo.fullName);
    return readme === undefined ? [] : [{ repo, readme }];
  });
  await storeReadmes({ db, entries: fetchedReadmes, now: clock() });
  const readmes = new Map([...cachedReadmes, ...outcome.readmes]);
  const screened = filterCandidatesByReadme({ candidates: repos, readmes, details: outcome.details });
  let ready = attachCandidateDetails(screened.kept, outcome.details);
  let allClaimed: RepoMetadata[] = [];
  let unverified: RepoMetadata[] = [];
  if (requireStarterIssues) {
    const requirement = applyStarterIssueRequirement(ready);
    ready = requirement.kept;
    allClaimed = requirement.allClaimed;
    unverified = requirement.unverified;
  }
  const contents = new Map(
    repos.map((repo) => [repo.fullName, outcome.details.get(repo.fullName)?.contents ?? null]),
  );
  return {
    ready,
    readmes,
    contents,
    droppedByReadme: screened.rejected,
    allClaimed,
    unverified,
    warnings: outcome.warnings,
    readmesFromCache: cachedReadmes.size,
  };
}
