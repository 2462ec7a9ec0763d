import type { FilterCandidatesResult } from "@/server/filtering/filter-candidates";
import type { RepoMark } from "@/shared/marks";

/**
 * The developer's "not interested" marks, applied right after the metadata stage of the filter: a dismissed
 * repository never has its README or issues fetched and never reaches the analyzer, so it costs nothing.
 */

export const DISMISSED_REASON = "you marked it not interested";

export function describeDismissal(note: string | null): string {
  return note ? `${DISMISSED_REASON}: ${JSON.stringify(note)}` : DISMISSED_REASON;
}

export type DismissalOutcome = FilterCandidatesResult & {
  /** The passed repositories taken out because they are marked dismissed, in ranking order. */
  dismissed: { repo: string; reason: string }[];
};

/**
 * Takes the dismissed repositories out of what passed (and so out of the capped candidates, which refill
 * from the ranking), and lists them first among the filtered out, so the FILTERED_OUT_MAX cut never hides
 * them.
 */
export function excludeDismissed(
  filtered: FilterCandidatesResult,
  {
    marks,
    maxRepos,
  }: {
    /** Marks by lower-cased "owner/name". */
    marks: ReadonlyMap<string, { mark: RepoMark; note: string | null }>;
    maxRepos: number;
  },
): DismissalOutcome {
  const dismissed: DismissalOutcome["dismissed"] = [];
  const passed = filtered.passed.filter((repo) => {
    const found = marks.get(repo.fullName.toLowerCase());
    if (found?.mark !== "dismissed") return true;
    dismissed.push({ repo: repo.fullName, reason: describeDismissal(found.note) });
    return false;
  });
  if (dismissed.length === 0) return { ...filtered, dismissed };
  return {
    ...filtered,
    passed,
    candidates: passed.slice(0, Math.max(0, Math.floor(maxRepos))),
    filteredOut: [...dismissed, ...filtered.filteredOut],
    dismissed,
  };
}
