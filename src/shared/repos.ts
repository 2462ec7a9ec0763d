import { searchLanes } from "./search-query";
import { z } from "./zod";

/** What the app knows of a repository: metadata from discovery, and its starter issues and health. */

/** An open issue carrying a starter label (see src/shared/starter-labels.ts). */
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
  /** Which of discovery's searches found it (src/shared/search-query.ts searchLanes); absent before lanes. */
  discoveredBy: z.array(z.enum(searchLanes)).optional(),
  // Candidates only: their open starter issues and health signals, when they could be loaded.
  starterIssues: z.array(starterIssueSchema).optional(),
  health: repoHealthSchema.optional(),
});
export type RepoMetadata = z.infer<typeof repoMetadataSchema>;
