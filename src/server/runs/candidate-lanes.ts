import { z } from "zod";
import { readStored, type StoredValueOrigin } from "@/server/db/stored-json";
import type { RepoMetadata } from "@/shared/repos";
import { searchLanes, type SearchLane } from "@/shared/search-query";

/**
 * Which of discovery's searches (lanes) found each of a run's candidates. A Repository row is shared by every
 * run, so this per-run fact is kept on the run (SearchRun.candidateLanes) and put back on its repos when the
 * run is read.
 */

/** The stored value: GitHub id (a JSON key, so a string of digits) → the lanes that found it. */
export const storedCandidateLanesSchema = z.record(z.string().regex(/^\d+$/), z.array(z.enum(searchLanes)));
export type StoredCandidateLanes = z.infer<typeof storedCandidateLanesSchema>;

/** What to store for these candidates: only those that know which lanes found them. */
export function listCandidateLanes(candidates: readonly RepoMetadata[]): StoredCandidateLanes {
  const lanes: StoredCandidateLanes = {};
  for (const repo of candidates) {
    if (repo.discoveredBy && repo.discoveredBy.length > 0) lanes[String(repo.githubId)] = repo.discoveredBy;
  }
  return lanes;
}

/**
 * The stored lanes by GitHub id. Null (a run stored before the column existed) and a value that no longer
 * validates (logged) both read as empty: the repos are then served without `discoveredBy`.
 */
export function readCandidateLanes(value: unknown, origin: StoredValueOrigin): Map<number, SearchLane[]> {
  if (value === null || value === undefined) return new Map();
  const stored = readStored(storedCandidateLanesSchema, value, origin) ?? {};
  return new Map(Object.entries(stored).map(([githubId, lanes]) => [Number(githubId), lanes]));
}
