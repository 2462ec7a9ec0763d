import { z } from "./zod";

/**
 * The entries at the top of a repository's default branch, as GitHub's `Tree.entries` lists them:
 * what the non-project filter reads as evidence that does not depend on the language of the description
 * (a package manifest, source and test folders, CI configuration; or chapter folders and nothing but
 * Markdown).
 */
export const repoContentsEntrySchema = z.object({
  name: z.string().min(1),
  /** GitHub's TreeEntry.type: "blob" (a file), "tree" (a folder) or "commit" (a submodule). */
  type: z.enum(["blob", "tree", "commit"]),
});
export type RepoContentsEntry = z.infer<typeof repoContentsEntrySchema>;

/** Entries kept per repository; a top level longer than this is a signal on its own, and the rest add little. */
export const REPO_CONTENTS_CAP = 300;

export const repoContentsSchema = z.array(repoContentsEntrySchema).max(REPO_CONTENTS_CAP);
export type RepoContents = z.infer<typeof repoContentsSchema>;
