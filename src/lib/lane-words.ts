import type { SearchLane } from "@/shared/search-query";

/** Each discovery lane as a person reads it: what that search looked for. */
export const laneLabels: Record<SearchLane, string> = {
  starter: "good first issues",
  "help-wanted": "help wanted",
  active: "recent activity",
  "best-match": "best match",
};

/**
 * "Found by the searches for good first issues and help wanted", or null when only the plain search
 * found it (the ordinary case, not worth a line) or nothing is recorded.
 */
export function describeDiscoveredBy(lanes: readonly SearchLane[] | undefined): string | null {
  const work = (lanes ?? []).filter((lane) => lane !== "best-match").map((lane) => laneLabels[lane]);
  if (work.length === 0) return null;
  const list = work.length === 1 ? work[0] : `${work.slice(0, -1).join(", ")} and ${work.at(-1)}`;
  return `Found by the ${work.length === 1 ? "search" : "searches"} for ${list}`;
}
