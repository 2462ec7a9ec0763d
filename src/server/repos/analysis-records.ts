import { z } from "zod";
import { readStored, readStoredStringList, type StoredValueOrigin } from "@/server/db/stored-json";
import { pickedIssuesSchema, type AnalysisResult } from "@/shared/analysis";
import { repoHealthSchema, starterIssueSchema, type RepoHealth, type StarterIssue } from "@/shared/repos";

/**
 * Reading back a repository's stored analysis and the candidate details (starter issues, health) its run
 * fetched. A run's result and the marked-repositories list both serve them, so they read them the same way.
 */

/** What every reader of stored analyses selects; see toAnalysisResult. */
export const analysisResultSelect = {
  fitScore: true,
  reason: true,
  contributions: true,
  reject: true,
  rejectReason: true,
  pickedIssues: true,
  repository: { select: { fullName: true } },
} as const;

/** Absent when the analysis picked none (stored null) or what is stored no longer validates (logged). */
function readPickedIssues(value: unknown, origin: StoredValueOrigin): Pick<AnalysisResult, "pickedIssues"> {
  if (value === null) return {};
  const picked = readStored(pickedIssuesSchema, value, origin);
  return picked ? { pickedIssues: picked } : {};
}

/** One stored analysis as the API returns it; damaged stored parts are left out (logged). */
export function toAnalysisResult(
  row: {
    fitScore: number;
    reason: string;
    contributions: unknown;
    reject: boolean;
    rejectReason: string | null;
    pickedIssues: unknown;
    repository: { fullName: string };
  },
  origin: (field: string) => StoredValueOrigin,
): AnalysisResult {
  return {
    repo: row.repository.fullName,
    fitScore: row.fitScore,
    reason: row.reason,
    contributions: readStoredStringList(
      row.contributions,
      origin(`contributions of ${row.repository.fullName}`),
    ),
    reject: row.reject,
    rejectReason: row.rejectReason,
    ...readPickedIssues(row.pickedIssues, origin(`picked issues of ${row.repository.fullName}`)),
  };
}

/** What every reader of stored candidate details selects; see readCandidateDetails. */
export const candidateDetailsSelect = { repositoryId: true, starterIssues: true, health: true } as const;

const storedStarterIssuesSchema = z.array(starterIssueSchema);

/** The stored details of one candidate; a damaged part is left out (logged) and the rest still served. */
export function readCandidateDetails(
  row: { repositoryId: number; starterIssues: unknown; health: unknown },
  origin: (field: string) => StoredValueOrigin,
): { starterIssues?: StarterIssue[]; health?: RepoHealth } {
  const starterIssues = readStored(
    storedStarterIssuesSchema,
    row.starterIssues,
    origin(`starter issues of repository ${row.repositoryId}`),
  );
  const health = readStored(repoHealthSchema, row.health, origin(`health of repository ${row.repositoryId}`));
  return { ...(starterIssues ? { starterIssues } : {}), ...(health ? { health } : {}) };
}
