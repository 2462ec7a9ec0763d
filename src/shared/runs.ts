import { analysisResultSchema } from "./analysis";
import { searchFiltersSchema } from "./filters";
import { repoMarkSchema } from "./marks";
import { repoMetadataSchema } from "./repos";
import { z } from "./zod";

/**
 * A result as a run returns it: the analysis, plus what is known about the repository for this developer.
 * Both additions are optional, so older stored rows and older clients still fit.
 */
export const runAnalysisResultSchema = analysisResultSchema.extend({
  /** No earlier run for the same profile analyzed this repository. */
  newSinceLastRun: z.boolean().optional(),
  mark: repoMarkSchema.nullable().optional(),
});
export type RunAnalysisResult = z.infer<typeof runAnalysisResultSchema>;

/** Why a run ended with a terminal `error`: clients branch on this, never on the message text. */
export const terminalErrorReasons = ["no-repositories", "all-filtered", "failed", "interrupted"] as const;
export const terminalErrorReasonSchema = z.enum(terminalErrorReasons);
export type TerminalErrorReason = z.infer<typeof terminalErrorReasonSchema>;

/**
 * What keeps a person's searches from running until they act: GitHub no longer accepts their sign-in (sign in
 * again), or they have used this month's LLM token budget. Carried by a refused `scout.search` and by a run's
 * terminal `error`, so clients offer the way out without reading the message.
 */
export const searchBlockers = ["github-sign-in", "llm-budget"] as const;
export const searchBlockerSchema = z.enum(searchBlockers);
export type SearchBlocker = z.infer<typeof searchBlockerSchema>;

export const runStatuses = ["running", "completed", "partial", "failed", "cancelled", "interrupted"] as const;
export const runStatusSchema = z.enum(runStatuses);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const usageSchema = z.object({
  githubRequests: z.number().int(),
  llmInputTokens: z.number().int(),
  llmOutputTokens: z.number().int(),
  // Analyses served from the analysis cache, and the LLM input tokens that saved
  // (estimated from what those analyses cost when they were made).
  cachedResults: z.number().int().optional(),
  llmInputTokensSaved: z.number().int().optional(),
  /** READMEs not fetched again because the repository has not been pushed to since they were stored. */
  readmesFromCache: z.number().int().optional(),
  /** Of githubRequests, those discovery's searches made (every lane's pages, retries included). */
  searchRequests: z.number().int().optional(),
});
export type Usage = z.infer<typeof usageSchema>;

/** How many filtered-out repositories a run keeps and returns (docs/api.md). */
export const FILTERED_OUT_MAX = 200;
/** A repository the filter rules dropped, with the evidence in words. */
export const filteredOutSchema = z.object({ repo: z.string(), reason: z.string() });
export type FilteredOut = z.infer<typeof filteredOutSchema>;

export const scoutSearchResultSchema = z.object({
  runId: z.string(),
  status: runStatusSchema,
  totalDiscovered: z.number().int(),
  totalFiltered: z.number().int(),
  totalAnalyzed: z.number().int(),
  results: z.array(runAnalysisResultSchema),
  repos: z.array(repoMetadataSchema),
  skipped: z.array(z.string()),
  warnings: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  usage: usageSchema,
  // Optional additions: what the run searched for, and the analyses the analyzer rejected.
  filters: searchFiltersSchema.optional(),
  rejected: z.array(runAnalysisResultSchema).optional(),
  // The repositories the filter rules dropped, at both stages.
  filteredOut: z.array(filteredOutSchema).max(FILTERED_OUT_MAX).optional(),
  // When the first result arrived; null until one has.
  firstResultAt: z.string().nullable().optional(),
});
export type ScoutSearchResult = z.infer<typeof scoutSearchResultSchema>;

export const runIdInputSchema = z.object({ runId: z.string().min(1, "runId is required").max(100) });
export const runsInputSchema = z
  .object({
    limit: z.number().int().min(1).max(100).default(20),
    cursor: z.string().max(100).optional(),
  })
  .default({ limit: 20 });

export const runSummarySchema = z.object({
  runId: z.string(),
  status: runStatusSchema,
  filters: searchFiltersSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  totalDiscovered: z.number().int(),
  totalFiltered: z.number().int(),
  totalAnalyzed: z.number().int(),
  topScore: z.number().nullable(),
  // Results no earlier run for the same profile had analyzed.
  newCount: z.number().int().optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** One page of the history, newest first; nextCursor is null on the last page. */
export const runsPageSchema = z.object({
  items: z.array(runSummarySchema),
  nextCursor: z.string().nullable(),
});
export type RunsPage = z.infer<typeof runsPageSchema>;

/** What scout.search answers: the new run's id, at once, while the pipeline runs in the background. */
export const searchStartedSchema = z.object({ runId: z.string(), status: z.literal("running") });
export type SearchStarted = z.infer<typeof searchStartedSchema>;

/** What scout.cancel answers: the run's status once it has wound down (or as it was, if already over). */
export const runStatusAnswerSchema = z.object({ runId: z.string(), status: runStatusSchema });
export type RunStatusAnswer = z.infer<typeof runStatusAnswerSchema>;

/** GET /api/runs/{runId}/export?format=…: the formats a run downloads as. */
export const exportFormats = ["md", "csv", "json"] as const;
export const exportFormatSchema = z.enum(exportFormats, { error: "format must be md, csv or json" });
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** What the caller spent this calendar month (UTC), against the operator's budget per person when one is set. */
export const monthlyUsageSchema = z.object({
  /** "2026-12" */
  month: z.string(),
  llmTokens: z.number().int(),
  /** SCOUT_USER_MONTHLY_LLM_TOKENS; null: no budget. */
  llmTokensPerMonth: z.number().int().nullable(),
  llmTokensLeft: z.number().int().nullable(),
  /** When the month's spending starts again from zero. */
  renewsAt: z.string(),
});
export type MonthlyUsage = z.infer<typeof monthlyUsageSchema>;
