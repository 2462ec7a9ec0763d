import { GOAL_RELEVANCE_FLOOR, type RepoSignals } from "@/server/analysis/heuristic/heuristic-repo-signals";
import { detectNonProjectRepo } from "@/server/filtering/detect-non-project-repo";
import type { RepoContents } from "@/shared/repo-contents";
import type { AnalysisResult } from "@/shared/analysis";
import type { RepoMetadata } from "@/shared/repos";

/**
 * When the built-in analyzer turns a repository down, and in what words: the wording is the reason shown on
 * the card, so it names the evidence ("Looks like course material: …", "Outside your domain: …").
 */

function buildRejection(repo: string, rejectReason: string): AnalysisResult {
  return {
    repo,
    fitScore: 0,
    reason: rejectReason,
    contributions: [],
    reject: true,
    rejectReason,
    pickedIssues: [],
  };
}

/**
 * The rejection of a repository that is not a project to contribute to (course material, a list, a
 * personal config…), or null. Checked before any signal is scored: nothing about such a repository fits.
 */
export function rejectNonProject(options: {
  repo: RepoMetadata;
  readme: string | null;
  /** The top-level entries, when the details brought them. */
  contents?: RepoContents | null;
}): AnalysisResult | null {
  const nonProject = detectNonProjectRepo({ ...options.repo, contents: options.contents }, options.readme);
  return nonProject ? buildRejection(options.repo.fullName, nonProject) : null;
}

/** The rejection of a repository that shares no language, topic or goal with the profile, or null. */
export function rejectOutsideDomain(options: {
  repo: RepoMetadata;
  signals: RepoSignals;
}): AnalysisResult | null {
  const { repo, signals } = options;
  const topicOverlap = signals.topics.matched.length + signals.topics.mentioned.length > 0;
  const goalRelevant = (signals.goals?.normalized ?? 0) >= GOAL_RELEVANCE_FLOOR;
  if (signals.language.kind !== "none" || topicOverlap || goalRelevant) return null;
  const written = repo.primaryLanguage ? `it is written in ${repo.primaryLanguage} and ` : "it ";
  return buildRejection(
    repo.fullName,
    `Outside your domain: ${written}shares none of your languages, topics or goals.`,
  );
}
