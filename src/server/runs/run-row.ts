import { readStored, type StoredValueOrigin } from "@/server/db/stored-json";
import { runStatusSchema, type RunStatus, type Usage } from "@/shared/runs";

/** The stored run row as the readers of runs (a run's result, the history) select and read it. */

/** What a run has spent, as its columns. */
export const runUsageSelect = {
  githubRequests: true,
  llmInputTokens: true,
  llmOutputTokens: true,
  cachedResults: true,
  llmInputTokensSaved: true,
  readmesFromCache: true,
  searchRequests: true,
} as const;

export function toUsage(row: { [column in keyof typeof runUsageSelect]: number }): Required<Usage> {
  return {
    githubRequests: row.githubRequests,
    llmInputTokens: row.llmInputTokens,
    llmOutputTokens: row.llmOutputTokens,
    cachedResults: row.cachedResults,
    llmInputTokensSaved: row.llmInputTokensSaved,
    readmesFromCache: row.readmesFromCache,
    searchRequests: row.searchRequests,
  };
}

export const runSelect = {
  id: true,
  status: true,
  filters: true,
  totalDiscovered: true,
  totalFiltered: true,
  totalAnalyzed: true,
  candidateIds: true,
  candidateLanes: true,
  skipped: true,
  warnings: true,
  filteredOut: true,
  ...runUsageSelect,
  firstResultAt: true,
  errorMessage: true,
  startedAt: true,
  finishedAt: true,
  profileHash: true,
  userId: true,
} as const;

/** A status outside the known set is shown as failed: whatever it was, the run is not going on. */
export function readStoredStatus(value: string, origin: StoredValueOrigin): RunStatus {
  return readStored(runStatusSchema, value, origin) ?? "failed";
}
