import { FILTERED_OUT_MAX, type FilteredOut } from "@/shared/runs";

/**
 * ScoutSearchResult.filteredOut: both stages' drops, the metadata stage's first, within FILTERED_OUT_MAX.
 * The README stage's are always kept when the list is cut, since nothing in the metadata shows them.
 */
export function listFilteredOut(
  metadataStage: readonly FilteredOut[],
  readmeStage: readonly FilteredOut[] = [],
): FilteredOut[] {
  const fromReadmes = readmeStage.slice(0, FILTERED_OUT_MAX);
  return [...metadataStage.slice(0, FILTERED_OUT_MAX - fromReadmes.length), ...fromReadmes].map(
    ({ repo, reason }) => ({ repo, reason }),
  );
}
