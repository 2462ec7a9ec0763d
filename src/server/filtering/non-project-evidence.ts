import type { EvidenceKind, LearningFlavour } from "@/server/filtering/non-project-cues";
import { licenceFile } from "@/server/filtering/repo-contents-names";
import type { RepoContents } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";

export type EvidenceSource = "name" | "description" | "topics" | "languages" | "readme" | "contents";

/**
 * One piece of evidence. `no-code` argues for a non-project without saying which kind; `code` (a lot of
 * it) argues against a link list only, since solution sets and example collections are all code too.
 */
export type Evidence = {
  kind: EvidenceKind | "no-code" | "code";
  source: EvidenceSource;
  weight: number;
  /** The evidence in words: the matched phrase, topic, language share or README structure. */
  text: string;
  flavour?: LearningFlavour;
  /** Software evidence that the repository is published under its own name: its README installs it. */
  published?: true;
  /** A README section that tells a student how to hand the work in or when it is due: an assignment's. */
  handIn?: true;
};

export type LanguageSize = NonNullable<RepoMetadata["languageSizes"]>[number];

/** What the detector reads. Language data is optional: callers that lack it lose only that signal. */
export type NonProjectInput = Pick<RepoMetadata, "name" | "description" | "topics"> & {
  /** The owner's login: "Azure-Samples" and "dockersamples" publish examples, whatever each is named. */
  owner?: string;
  primaryLanguage?: string | null;
  languages?: readonly string[];
  languageSizes?: readonly LanguageSize[];
  /** The top-level entries of the default branch, once the details have loaded; absent or null: unknown. */
  contents?: RepoContents | null;
  /** The licence GitHub recognised (an SPDX id), or null; a licence file in the tree says the same. */
  license?: string | null;
};

/** Whether the repository states its terms of reuse: a licence GitHub recognised or a licence file at the top. */
export function isLicensed(repo: NonProjectInput): boolean {
  return Boolean(repo.license) || (repo.contents ?? []).some((entry) => licenceFile.test(entry.name));
}

/** A cue later in a clause than a cue of another kind is usually the subject matter, not the repository. */
export const LATER_CUE_FACTOR = 0.35;
