import type { AnalysisResult } from "@/shared/analysis";
import type { Profile } from "@/shared/profile";
import type { RepoContents } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";

/** The part of the developer profile that fit scoring uses. */
export type AnalysisProfile = Pick<Profile, "languages" | "topics" | "skillLevel" | "goals">;

export type AnalyzeBatchInput = {
  profile: AnalysisProfile;
  repos: readonly RepoMetadata[];
  /** "owner/name" → README text or null (no README). */
  readmes: ReadonlyMap<string, string | null>;
  /**
   * "owner/name" → the top-level entries of its default branch, null when unknown; the built-in analyzer
   * weighs them as the filter's README stage did, so both read a repository alike.
   */
  contents?: ReadonlyMap<string, RepoContents | null>;
  signal?: AbortSignal;
  /**
   * Called with each repository's validated result the moment it is known, before the analysis batch ends.
   * A result passed here stays valid even if the analysis batch later throws (a timeout, an abort, a broken
   * connection).
   */
  onResult?: (result: AnalysisResult) => void;
};

export type AnalyzeBatchOutput = {
  /**
   * One result per repo the analyzer answered for, matched back by `repo` ("owner/name"), including those
   * already passed to `onResult`.
   */
  results: AnalysisResult[];
  /** "owner/name" of repos in the analysis batch that got no valid result (left out, malformed). */
  skipped: string[];
  usage: { inputTokens: number; outputTokens: number };
};

export interface Analyzer {
  readonly kind: "llm" | "heuristic";
  /** The model id for the LLM analyzer; null for the built-in one. */
  readonly model: string | null;
  /** Changes whenever the prompt or the scoring changes, so a stored analysis from before is not reused. */
  readonly promptVersion: string;
  analyzeBatch(input: AnalyzeBatchInput): Promise<AnalyzeBatchOutput>;
}
