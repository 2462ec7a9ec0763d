import { assessReadme } from "@/server/filtering/assess-non-project";
import { screenBeforeDetails } from "@/server/filtering/detect-non-project-repo";
import {
  NO_STARTER_ISSUES_REASON,
  hasStarterLabelledIssues,
} from "@/server/filtering/starter-issue-requirement";
import type { RepositoryDetails } from "@/server/sources/repository-source";
import type { SearchFilters } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";

/**
 * Each contribution signal counts up to its cap and no further, so one repository with 4,000 open
 * issues cannot outrank one with a healthy mix of labelled starter issues. Weights sum to 10.
 */
export const contributionSignalCaps = {
  goodFirstIssues: { cap: 10, weight: 4 },
  helpWantedIssues: { cap: 10, weight: 3 },
  openIssues: { cap: 50, weight: 3 },
} as const;

export type RejectedRepo = { repo: string; reason: string };

export type FilterCandidatesResult = {
  /** Every repository that passed the rules, best contribution signals first; its length is totalFiltered. */
  passed: RepoMetadata[];
  /** The first `maxRepos` of `passed`: what goes on to analysis. */
  candidates: RepoMetadata[];
  rejected: RejectedRepo[];
  /** The rejections by a rule, in discovery order: `rejected` less the repeated listings of a repository. */
  filteredOut: RejectedRepo[];
  warnings: string[];
};

/** The contribution-signal score, 0..10, that orders candidates before the cap. */
export function scoreContributionSignals(
  repo: Pick<RepoMetadata, "goodFirstIssues" | "helpWantedIssues" | "openIssues">,
): number {
  let score = 0;
  for (const key of ["goodFirstIssues", "helpWantedIssues", "openIssues"] as const) {
    const { cap, weight } = contributionSignalCaps[key];
    score += (Math.min(Math.max(repo[key], 0), cap) / cap) * weight;
  }
  return score;
}

/** Plain code-unit comparison: unlike localeCompare it gives the same order on every machine. */
function compareText(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

export type CandidateComparator = (left: RepoMetadata, right: RepoMetadata) => number;

/** By the contribution-signal score alone: how candidates were ranked before discovery lanes. */
export const compareBySignals: CandidateComparator = (left, right) =>
  scoreContributionSignals(right) - scoreContributionSignals(left) ||
  right.stars - left.stars ||
  compareText(left.fullName.toLowerCase(), right.fullName.toLowerCase());

/**
 * Repositories with open issues labelled for newcomers or asking for help come before those without any,
 * however many unlabelled issues those have: a labelled issue is work someone has said is ready to take,
 * which is what the developer came for. Within each group, the contribution-signal score.
 */
export const compareByWaitingWork: CandidateComparator = (left, right) =>
  Number(hasStarterLabelledIssues(right)) - Number(hasStarterLabelledIssues(left)) ||
  compareBySignals(left, right);

type FilterRules = Pick<SearchFilters, "minStars" | "maxStars"> & { requireStarterIssues?: boolean };

/**
 * The non-project rule's verdicts by githubId (the reason, or null to keep), worked out ahead: it is the
 * rule that costs time, and its verdict depends on the repository alone, so the pipeline works it out as
 * discovery's pages arrive, while later pages are still on their way.
 */
export type NonProjectVerdicts = Map<number, string | null>;

/** Adds the verdicts of repositories not judged yet. */
export function judgeNonProjects(repos: readonly RepoMetadata[], verdicts: NonProjectVerdicts): void {
  for (const repo of repos)
    if (!verdicts.has(repo.githubId)) verdicts.set(repo.githubId, screenBeforeDetails(repo));
}

function findRejectReason(
  repo: RepoMetadata,
  filters: FilterRules,
  verdicts: ReadonlyMap<number, string | null> | undefined,
): string | null {
  const judged = verdicts?.get(repo.githubId);
  const nonProject = judged === undefined ? screenBeforeDetails(repo) : judged;
  if (nonProject) return nonProject;
  if (repo.openIssues <= 0) return "Has no open issues to work on.";
  if (repo.stars < filters.minStars)
    return `Has ${repo.stars} stars, below the minimum of ${filters.minStars}.`;
  if (repo.stars > filters.maxStars)
    return `Has ${repo.stars} stars, above the maximum of ${filters.maxStars}.`;
  if (filters.requireStarterIssues && !hasStarterLabelledIssues(repo)) return NO_STARTER_ISSUES_REASON;
  return null;
}

/**
 * Applies the filter rules (non-project repositories, no open issues, star range inclusive at both ends,
 * no starter-labelled issues when the filters require them, duplicates), ranks the rest (labelled work waiting first, then contribution signals) and caps what goes to analysis at `maxRepos`.
 */
export function filterCandidates(options: {
  repos: readonly RepoMetadata[];
  filters: FilterRules;
  maxRepos: number;
  /** The ranking before the cap; compareByWaitingWork unless a measure compares another. */
  order?: CandidateComparator;
  /** Non-project verdicts already worked out (judgeNonProjects); the rest are worked out here. */
  nonProjectVerdicts?: ReadonlyMap<number, string | null>;
}): FilterCandidatesResult {
  const { repos, filters } = options;
  const maxRepos = Math.max(0, Math.floor(options.maxRepos));
  const seen = new Set<string>();
  const kept: RepoMetadata[] = [];
  const rejected: RejectedRepo[] = [];
  const filteredOut: RejectedRepo[] = [];

  for (const repo of repos) {
    // Discovery pages can overlap; a repeated repository would be analysed and stored twice.
    const key = repo.fullName.toLowerCase();
    const repeated = seen.has(key);
    const reason = repeated
      ? "Listed more than once in the search results."
      : findRejectReason(repo, filters, options.nonProjectVerdicts);
    seen.add(key);
    if (!reason) {
      kept.push(repo);
      continue;
    }
    rejected.push({ repo: repo.fullName, reason });
    // A repeated listing drops a copy, not the repository: its first listing is still in the run.
    if (!repeated) filteredOut.push({ repo: repo.fullName, reason });
  }

  const passed = [...kept].sort(options.order ?? compareByWaitingWork);
  const candidates = passed.slice(0, maxRepos);
  const capWarning = describeAnalysisCap(candidates.length, passed.length);
  return { passed, candidates, rejected, filteredOut, warnings: capWarning ? [capWarning] : [] };
}

/** The warning when the SCOUT_MAX_REPOS cap leaves candidates out of analysis; null when it cuts nothing. */
export function describeAnalysisCap(analyzing: number, passed: number): string | null {
  return passed > analyzing
    ? `Analyzing the top ${analyzing} of ${passed} candidates; narrow your filters to see others.`
    : null;
}

/**
 * The README stage of the filter, for after the READMEs and details arrive and before analysis: drops the
 * candidates whose README and top-level contents, with their metadata, show learning material or a list of
 * links, so that no LLM tokens are spent on them. A candidate without a README is assessed all the same:
 * its contents may still tell (chapter folders and nothing else); without either, the verdict is the
 * metadata stage's, which was keep.
 */
export function filterCandidatesByReadme(options: {
  candidates: readonly RepoMetadata[];
  /** "owner/name" → README text, or null when the repository has none. */
  readmes: ReadonlyMap<string, string | null>;
  /** "owner/name" → the candidate's details, whose contents are evidence; absent when they did not load. */
  details?: ReadonlyMap<string, RepositoryDetails>;
}): { kept: RepoMetadata[]; rejected: RejectedRepo[] } {
  const kept: RepoMetadata[] = [];
  const rejected: RejectedRepo[] = [];
  for (const repo of options.candidates) {
    const contents = options.details?.get(repo.fullName)?.contents ?? null;
    const assessment = assessReadme({ ...repo, contents }, options.readmes.get(repo.fullName) ?? null);
    if (assessment.verdict === "drop") rejected.push({ repo: repo.fullName, reason: assessment.reason });
    else kept.push(repo);
  }
  return { kept, rejected };
}
