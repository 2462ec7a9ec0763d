import { z } from "zod";
import { planSearchQuery, SEARCH_QUERY_MAX_CHARS } from "@/server/github/search-query";

/**
 * The shared zod schemas of contract.md. Server and browser both import this module; every type in the
 * app is inferred from a schema here and never written out twice.
 */

// The pages' Content-Security-Policy forbids eval. In the browser zod would probe `new Function` for its
// JIT, and the policy reports that as a violation even though zod catches it; the server keeps the JIT.
if (typeof window !== "undefined") z.config({ jitless: true });

export const skillLevels = ["beginner", "intermediate", "advanced"] as const;
export const skillLevelSchema = z.enum(skillLevels, { error: "Choose a skill level" });
export type SkillLevel = z.infer<typeof skillLevelSchema>;

/** Trims each entry, drops blanks and keeps the first spelling of case-insensitive duplicates. */
function cleanTagList(values: string[]): string[] {
  const seen = new Set<string>();
  const cleaned: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    const key = trimmed.toLowerCase();
    if (trimmed === "" || seen.has(key)) continue;
    seen.add(key);
    cleaned.push(trimmed);
  }
  return cleaned;
}

function tagList(options: {
  noun: string;
  maxItems: number;
  maxChars: number;
  minItems: number;
  tooFew: string;
}) {
  const { noun, maxItems, maxChars, minItems, tooFew } = options;
  return z
    .array(z.string({ error: `Each ${noun} must be text` }), { error: `${noun}s must be a list` })
    .transform(cleanTagList)
    .pipe(
      z
        .array(z.string().max(maxChars, `Each ${noun} must be at most ${maxChars} characters`))
        .min(minItems, tooFew)
        .max(maxItems, `Add at most ${maxItems} ${noun}s`),
    );
}

export const GOALS_MAX_CHARS = 500;

export const profileInputSchema = z.object({
  languages: tagList({
    noun: "language",
    minItems: 1,
    maxItems: 20,
    maxChars: 40,
    tooFew: "Add at least one language",
  }),
  topics: tagList({ noun: "topic", minItems: 0, maxItems: 20, maxChars: 50, tooFew: "" }),
  skillLevel: skillLevelSchema,
  goals: z
    .string({ error: "Goals must be text" })
    .max(GOALS_MAX_CHARS, `Goals must be at most ${GOALS_MAX_CHARS} characters`),
});
export type ProfileInput = z.input<typeof profileInputSchema>;
export type CleanProfileInput = z.output<typeof profileInputSchema>;

export const profileSchema = z.object({
  id: z.string(),
  languages: z.array(z.string()),
  topics: z.array(z.string()),
  skillLevel: skillLevelSchema,
  goals: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real day of the calendar, written YYYY-MM-DD. Date parsing rolls impossible days over (2026-02-30 becomes
 * 2 March), so the value must survive a round trip unchanged.
 */
export function isCalendarDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** What an omitted filter means (contract.md); the schema and the form's live counter share them. */
export const searchFilterDefaults = {
  minStars: 10,
  maxStars: 500_000,
  topics: [] as string[],
  pushedAfter: null,
  license: null,
  query: "",
  requireStarterIssues: false,
} as const;

export const searchFiltersSchema = z
  .object({
    languages: tagList({
      noun: "language",
      minItems: 1,
      maxItems: 20,
      maxChars: 40,
      tooFew: "Select at least one language",
    }),
    minStars: z
      .number({ error: "Minimum stars must be a number" })
      .int("Minimum stars must be a whole number")
      .min(0, "Minimum stars cannot be negative")
      .default(searchFilterDefaults.minStars),
    maxStars: z
      .number({ error: "Maximum stars must be a number" })
      .int("Maximum stars must be a whole number")
      .min(0, "Maximum stars cannot be negative")
      .default(searchFilterDefaults.maxStars),
    topics: tagList({ noun: "topic", minItems: 0, maxItems: 20, maxChars: 50, tooFew: "" }).default([]),
    pushedAfter: z
      .string()
      .regex(isoDate, "Active since must be a date (YYYY-MM-DD)")
      .refine(isCalendarDate, "Active since must be a real date")
      .nullable()
      .default(searchFilterDefaults.pushedAfter),
    license: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9.-]{1,40}$/, "License must be a GitHub license keyword such as mit or apache-2.0")
      .nullable()
      .default(searchFilterDefaults.license),
    query: z
      .string()
      .max(500, "Search text must be at most 500 characters")
      .default(searchFilterDefaults.query),
    // Round 2: only repositories with at least one unclaimed starter issue reach analysis.
    requireStarterIssues: z
      .boolean({ error: "Require starter issues must be true or false" })
      .default(searchFilterDefaults.requireStarterIssues),
  })
  .refine((filters) => filters.maxStars >= filters.minStars, {
    path: ["maxStars"],
    error: "Maximum stars must be at least the minimum",
  })
  .superRefine((filters, ctx) => {
    // GitHub refuses the whole search string past its limit, qualifiers included; refusing it here costs
    // the user nothing, where GitHub's refusal would cost a run and an hourly search.
    const plan = planSearchQuery({ filters, today: new Date() });
    if (plan.kind === "too-long") ctx.addIssue({ code: "custom", path: ["query"], message: plan.message });
    if (plan.kind === "invalid-value")
      ctx.addIssue({ code: "custom", path: [plan.field], message: plan.message });
  });
export type SearchFiltersInput = z.input<typeof searchFiltersSchema>;
export type SearchFilters = z.output<typeof searchFiltersSchema>;

export { SEARCH_QUERY_MAX_CHARS };

/**
 * The length of the GitHub search that the form's current values would send, for a live counter beside
 * SEARCH_QUERY_MAX_CHARS; null while a value cannot be sent at all (the schema names that field).
 */
export function searchQueryLengthOf(input: SearchFiltersInput, today: Date = new Date()): number | null {
  const filters: SearchFilters = {
    languages: cleanTagList(input.languages),
    topics: cleanTagList(input.topics ?? searchFilterDefaults.topics),
    minStars: input.minStars ?? searchFilterDefaults.minStars,
    maxStars: input.maxStars ?? searchFilterDefaults.maxStars,
    pushedAfter: input.pushedAfter ?? searchFilterDefaults.pushedAfter,
    license: input.license?.trim().toLowerCase() || searchFilterDefaults.license,
    query: input.query ?? searchFilterDefaults.query,
    requireStarterIssues: input.requireStarterIssues ?? searchFilterDefaults.requireStarterIssues,
  };
  // The date's length never varies, so the counter agrees with the server whatever its clock says.
  const plan = planSearchQuery({ filters, today });
  return plan.kind === "invalid-value" ? null : plan.query.length;
}
/** An open issue carrying a starter label (see src/server/github/starter-labels.ts). */
export const starterIssueSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  url: z.string(),
  labels: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  comments: z.number().int(),
  /** Assigned, or an open pull request is linked to it and will close it. */
  claimed: z.boolean(),
});
export type StarterIssue = z.infer<typeof starterIssueSchema>;

/** Whether the maintainers answer and the project moves; null where GitHub could not tell. */
export const repoHealthSchema = z.object({
  commitsLast90Days: z.number().int().nullable(),
  /** CHAOSS time to first response: the first comment by neither the issue's author nor a bot. */
  medianFirstResponseHours: z.number().nullable(),
  /** Merged pull requests by authors outside the project (not owner, member or collaborator). */
  outsideMergedPrsLast90Days: z.number().int().nullable(),
  hasContributingGuide: z.boolean(),
  hasCodeOfConduct: z.boolean(),
  lastReleaseAt: z.string().nullable(),
});
export type RepoHealth = z.infer<typeof repoHealthSchema>;

export const repoMetadataSchema = z.object({
  githubId: z.number().int(),
  owner: z.string(),
  name: z.string(),
  fullName: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  primaryLanguage: z.string().nullable(),
  languages: z.array(z.string()),
  stars: z.number().int(),
  forks: z.number().int(),
  openIssues: z.number().int(),
  topics: z.array(z.string()),
  license: z.string().nullable(),
  pushedAt: z.string().nullable(),
  createdAt: z.string().nullable(),
  goodFirstIssues: z.number().int(),
  helpWantedIssues: z.number().int(),
  /** Bytes per language from discovery; absent when the source did not fetch them. */
  languageSizes: z.array(z.object({ name: z.string(), size: z.number().int().nonnegative() })).optional(),
  // Round 2, candidates only: their open starter issues and health signals, when they could be loaded.
  starterIssues: z.array(starterIssueSchema).optional(),
  health: repoHealthSchema.optional(),
});
export type RepoMetadata = z.infer<typeof repoMetadataSchema>;

export const pickedIssueSchema = z.object({ number: z.number().int(), why: z.string() });
export type PickedIssue = z.infer<typeof pickedIssueSchema>;
export const MAX_PICKED_ISSUES = 3;
/**
 * AnalysisResult.pickedIssues (round 2): 0..3 of the repository's unclaimed starter issues, best fit first.
 * Optional here, on the wire and in storage; the LLM analyzer's model-facing schema makes it a required
 * array, because OpenAI's strict mode refuses an optional key.
 */
export const pickedIssuesSchema = z.array(pickedIssueSchema).max(MAX_PICKED_ISSUES);

export const analysisResultSchema = z.object({
  repo: z.string(),
  fitScore: z.number().min(0).max(10),
  reason: z.string(),
  contributions: z.array(z.string()),
  reject: z.boolean(),
  rejectReason: z.string().nullable(),
  pickedIssues: pickedIssuesSchema.optional(),
});
export type AnalysisResult = z.infer<typeof analysisResultSchema>;

/** A developer's own verdict on a repository (contract.md, round 2 "workflow"). */
export const repoMarks = ["saved", "dismissed", "contributed"] as const;
export const repoMarkSchema = z.enum(repoMarks, {
  error: 'mark must be "saved", "dismissed" or "contributed"',
});
export type RepoMark = z.infer<typeof repoMarkSchema>;

/**
 * A result as a run returns it: the analysis, plus what is known about the repository for this developer
 * (round 2 "workflow"). Both additions are optional, so older stored rows and older clients still fit.
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

export const runStatuses = ["running", "completed", "partial", "failed", "cancelled", "interrupted"] as const;
export const runStatusSchema = z.enum(runStatuses);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const usageSchema = z.object({
  githubRequests: z.number().int(),
  llmInputTokens: z.number().int(),
  llmOutputTokens: z.number().int(),
  // Round 2 (speed and cost): analyses served from the analysis cache, and the LLM input tokens that saved
  // (estimated from what those analyses cost when they were made).
  cachedResults: z.number().int().optional(),
  llmInputTokensSaved: z.number().int().optional(),
  /** READMEs not fetched again because the repository has not been pushed to since they were stored. */
  readmesFromCache: z.number().int().optional(),
});
export type Usage = z.infer<typeof usageSchema>;

/** How many filtered-out repositories a run keeps and returns (contract.md, "filter quality"). */
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
  // Round 2 (filter quality): the repositories the filter rules dropped, at both stages.
  filteredOut: z.array(filteredOutSchema).max(FILTERED_OUT_MAX).optional(),
  // Round 2 (speed and cost): when the first result arrived; null until one has.
  firstResultAt: z.string().nullable().optional(),
});
export type ScoutSearchResult = z.infer<typeof scoutSearchResultSchema>;

export const phases = ["discovering", "filtering", "fetching", "analyzing", "saving"] as const;
export const phaseSchema = z.enum(phases);
export type Phase = z.infer<typeof phaseSchema>;

export const scoutEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("status"),
    phase: phaseSchema,
    message: z.string(),
    // Optional additions to the contract, so a client need not parse counts out of the message.
    discovered: z.number().int().optional(),
    passed: z.number().int().optional(),
  }),
  z.object({
    type: z.literal("progress"),
    phase: z.literal("analyzing"),
    analyzed: z.number().int(),
    total: z.number().int(),
    message: z.string(),
  }),
  z.object({ type: z.literal("results"), results: z.array(runAnalysisResultSchema) }),
  z.object({ type: z.literal("warning"), message: z.string() }),
  z.object({ type: z.literal("complete"), data: scoutSearchResultSchema }),
  z.object({ type: z.literal("error"), message: z.string(), reason: terminalErrorReasonSchema.optional() }),
  z.object({ type: z.literal("cancelled"), message: z.string() }),
]);
export type ScoutEvent = z.infer<typeof scoutEventSchema>;
export const terminalEventTypes = ["complete", "error", "cancelled"] as const satisfies ScoutEvent["type"][];

export const runIdInputSchema = z.object({ runId: z.string().min(1, "runId is required").max(100) });
export const streamInputSchema = runIdInputSchema.extend({
  lastEventId: z
    .string()
    .regex(/^\d{1,12}$/, "lastEventId must be an event id from this stream")
    .optional(),
});
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
  // Round 2 (workflow): results no earlier run for the same profile had analyzed.
  newCount: z.number().int().optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const scoutConfigSchema = z.object({
  githubSource: z.enum(["live", "catalog"]),
  analyzer: z.enum(["llm", "heuristic"]),
  model: z.string().nullable(),
  // Optional addition: the origin repository links may point to (see src/lib/github-links.ts).
  githubWebOrigin: z.string().optional(),
});
export type ScoutConfig = z.infer<typeof scoutConfigSchema>;

/** GET /api/runs/{runId}/export?format=… (round 2 "workflow"): the formats a run downloads as. */
export const exportFormats = ["md", "csv", "json"] as const;
export const exportFormatSchema = z.enum(exportFormats, { error: "format must be md, csv or json" });
export type ExportFormat = z.infer<typeof exportFormatSchema>;
/**
 * "owner/name" as GitHub allows them: an owner of 1..39 letters, digits and single inner hyphens, and a name
 * of 1..100 letters, digits, dots, hyphens and underscores that is not "." or "..".
 */
const repoFullNamePattern = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9._-]{1,100}$/;
export const repoFullNameSchema = z
  .string({ error: 'repo must be text, written "owner/name"' })
  .trim()
  .refine((value) => repoFullNamePattern.test(value) && !/\/\.{1,2}$/.test(value), {
    error: 'repo must be a GitHub repository written "owner/name", e.g. "vercel/next.js"',
  });

export const REPO_MARK_NOTE_MAX_CHARS = 200;

/** repos.mark: sets a repository's mark, or clears it with `mark: null` (which drops the note too). */
export const repoMarkInputSchema = z.object({
  repo: repoFullNameSchema,
  mark: repoMarkSchema.nullable(),
  note: z
    .string({ error: "note must be text" })
    .trim()
    .max(REPO_MARK_NOTE_MAX_CHARS, `note must be at most ${REPO_MARK_NOTE_MAX_CHARS} characters`)
    .optional(),
});
export type RepoMarkInput = z.input<typeof repoMarkInputSchema>;

export const repoMarkStateSchema = z.object({
  repo: z.string(),
  mark: repoMarkSchema.nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type RepoMarkState = z.infer<typeof repoMarkStateSchema>;

export const MARKED_PAGE_DEFAULT = 20;
export const repoMarkedInputSchema = z
  .object({
    mark: repoMarkSchema.optional(),
    limit: z
      .number({ error: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be at least 1")
      .max(100, "limit must be at most 100")
      .default(MARKED_PAGE_DEFAULT),
    cursor: z.string({ error: "cursor must be text" }).max(500, "cursor is too long").nullish(),
  })
  .default({ limit: MARKED_PAGE_DEFAULT });
export type RepoMarkedInput = z.input<typeof repoMarkedInputSchema>;

/** A repository's latest analysis, from whichever run made it, with the metadata that run had. */
export const latestAnalysisSchema = analysisResultSchema.extend({
  runId: z.string(),
  analyzedAt: z.string(),
  metadata: repoMetadataSchema,
});
export type LatestAnalysis = z.infer<typeof latestAnalysisSchema>;

export const markedRepoSchema = z.object({
  repo: z.string(),
  mark: repoMarkSchema,
  note: z.string().nullable(),
  updatedAt: z.string(),
  latest: latestAnalysisSchema.nullable(),
});
export type MarkedRepo = z.infer<typeof markedRepoSchema>;

export const markedReposPageSchema = z.object({
  items: z.array(markedRepoSchema),
  nextCursor: z.string().nullable(),
});
export type MarkedReposPage = z.infer<typeof markedReposPageSchema>;
