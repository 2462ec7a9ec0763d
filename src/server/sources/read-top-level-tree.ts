import { z } from "zod";
import { REPO_CONTENTS_CAP, repoContentsEntrySchema, type RepoContents } from "@/shared/repo-contents";

/**
 * Reads the `topLevelTree` of a details answer (`object(expression: "HEAD:") { ... on Tree { entries } }`)
 * into the repository's contents. Real trees hold what the schema cannot promise to be useful: an empty
 * repository answers null, a ref that names something other than a tree answers an object without
 * entries, and a future entry type would be unknown to the filter. Each entry is read on its own so one odd
 * entry never costs the rest.
 */

// Entries are parsed one by one below; here only the shape that makes an answer a tree.
const treeSchema = z.object({ entries: z.array(z.unknown()) });

/** The entries, in GitHub's order, capped; null when there is no readable tree (unknown, not "empty"). */
export function readTopLevelTree(value: unknown): RepoContents | null {
  const tree = treeSchema.safeParse(value);
  if (!tree.success) return null;
  const contents: RepoContents = [];
  for (const entry of tree.data.entries) {
    const parsed = repoContentsEntrySchema.safeParse(entry);
    if (!parsed.success) continue;
    contents.push({ name: parsed.data.name, type: parsed.data.type });
    // GitHub lists the whole top level; past the cap the filter learns nothing new.
    if (contents.length === REPO_CONTENTS_CAP) break;
  }
  return contents;
}
