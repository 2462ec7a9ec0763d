import { analysisResultSchema } from "./analysis";
import { repoMetadataSchema } from "./repos";
import { z } from "./zod";

/** A developer's own verdict on a repository. */
export const repoMarks = ["saved", "dismissed", "contributed"] as const;
export const repoMarkSchema = z.enum(repoMarks, {
  error: 'mark must be "saved", "dismissed" or "contributed"',
});
export type RepoMark = z.infer<typeof repoMarkSchema>;

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
