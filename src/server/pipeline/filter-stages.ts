import { filterCandidatesByReadme, type RejectedRepo } from "@/server/filtering/filter-candidates";
import type { FetchCandidateDetailsOutcome } from "@/server/github/github-source";
import { FILTERED_OUT_MAX, type FilteredOut, type RepoMetadata } from "@/server/schemas";

/**
 * The filter's second stage, as the pipeline runs it: the README stage sits between fetching the READMEs
 * and analysis, so a repository its README shows to be learning material or a list of links costs a
 * README fetch and no LLM tokens. The first stage (filterCandidates) runs on discovery's metadata alone.
 *
 * Counting: `totalFiltered` is what passed the metadata stage less what the README stage dropped. Only
 * the candidates within the SCOUT_MAX_REPOS cap get their README read; those past it passed every rule
 * applied to them and count as passed, as the contract's "before the cap" asks.
 */

/** README fetches at most: one for the capped candidates, then refills for what the README stage drops. */
export const README_STAGE_ROUNDS = 3;

export type ReadmeStageOutcome = {
  /** What goes on to analysis: at most `maxRepos`, still in ranking order. */
  candidates: RepoMetadata[];
  /** The READMEs of every repository fetched, dropped ones included. */
  readmes: Map<string, string | null>;
  /** The README stage's drops, in ranking order, with the evidence in words. */
  dropped: RejectedRepo[];
  /** The README fetches' warnings, each once. */
  warnings: string[];
};

/**
 * Fetches the READMEs of the top `maxRepos` of `passed` and drops those whose README shows a non-project.
 * Each drop frees a place for the next repository in the ranking, whose README is fetched in turn, so the
 * analysis still gets up to `maxRepos` candidates; README_STAGE_ROUNDS bounds the extra fetches.
 */
export async function screenCandidatesByReadme(options: {
  /** Every repository that passed the metadata stage, best contribution signals first. */
  passed: readonly RepoMetadata[];
  maxRepos: number;
  fetchReadmes: (
    repos: readonly RepoMetadata[],
  ) => Promise<Pick<FetchCandidateDetailsOutcome, "readmes" | "warnings">>;
}): Promise<ReadmeStageOutcome> {
  const { passed, maxRepos, fetchReadmes } = options;
  const outcome: ReadmeStageOutcome = { candidates: [], readmes: new Map(), dropped: [], warnings: [] };
  let next = 0;
  for (
    let round = 0;
    round < README_STAGE_ROUNDS && outcome.candidates.length < maxRepos && next < passed.length;
    round += 1
  ) {
    const batch = passed.slice(next, next + maxRepos - outcome.candidates.length);
    next += batch.length;
    const fetched = await fetchReadmes(batch);
    for (const message of fetched.warnings)
      if (!outcome.warnings.includes(message)) outcome.warnings.push(message);
    for (const [repo, readme] of fetched.readmes) outcome.readmes.set(repo, readme);
    const screened = filterCandidatesByReadme({ candidates: batch, readmes: fetched.readmes });
    outcome.candidates.push(...screened.kept);
    outcome.dropped.push(...screened.rejected);
  }
  return outcome;
}

/**
 * ScoutSearchResult.filteredOut: both stages' drops, the metadata stage's first, within FILTERED_OUT_MAX.
 * The README stage's are always kept when the list is cut, since nothing in the metadata shows them.
 */
export function listFilteredOut(
  metadataStage: readonly FilteredOut[],
  readmeStage: readonly FilteredOut[] = [],
): FilteredOut[] {
  const fromReadmes = readmeStage.slice(0, FILTERED_OUT_MAX);
  return [...metadataStage.slice(0, FILTERED_OUT_MAX - fromReadmes.length), ...fromReadmes].map(
    ({ repo, reason }) => ({ repo, reason }),
  );
}
