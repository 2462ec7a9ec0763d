import { z } from "./zod";

/** What the server runs on, so clients can say so (the offline banner, the model in use, where links go). */
export const scoutConfigSchema = z.object({
  githubSource: z.enum(["live", "catalog"]),
  analyzer: z.enum(["llm", "heuristic"]),
  model: z.string().nullable(),
  // Optional addition: the origin repository links may point to (see src/lib/github-links.ts).
  githubWebOrigin: z.string().optional(),
});
export type ScoutConfig = z.infer<typeof scoutConfigSchema>;
