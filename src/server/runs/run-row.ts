import { readStored, type StoredValueOrigin } from "@/server/db/stored-json";
import { runStatusSchema, type RunStatus } from "@/shared/runs";

/** The stored run row as the readers of runs (a run's result, the history) select and read it. */

export const runSelect = {
  id: true,
  status: true,
  filters: true,
  totalDiscovered: true,
  totalFiltered: true,
  totalAnalyzed: true,
  candidateIds: true,
  skipped: true,
  warnings: true,
  filteredOut: true,
  githubRequests: true,
  llmInputTokens: true,
  llmOutputTokens: true,
  cachedResults: true,
  llmInputTokensSaved: true,
  readmesFromCache: true,
  firstResultAt: true,
  errorMessage: true,
  startedAt: true,
  finishedAt: true,
  profileHash: true,
} as const;

/** A status outside the known set is shown as failed: whatever it was, the run is not going on. */
export function readStoredStatus(value: string, origin: StoredValueOrigin): RunStatus {
  return readStored(runStatusSchema, value, origin) ?? "failed";
}
