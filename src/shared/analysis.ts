import { z } from "./zod";

/** An analyzer's verdict on one repository for the developer's profile. */

export const pickedIssueSchema = z.object({ number: z.number().int(), why: z.string() });
export type PickedIssue = z.infer<typeof pickedIssueSchema>;
export const MAX_PICKED_ISSUES = 3;
/**
 * AnalysisResult.pickedIssues: 0..3 of the repository's unclaimed starter issues, best fit first.
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
