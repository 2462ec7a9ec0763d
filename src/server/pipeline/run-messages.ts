import { formatCountOf, pluralize } from "@/lib/words";
import { AppError } from "@/server/errors";
import { formatDuration } from "@/server/sources/github/errors";
import type { Phase, ScoutEvent } from "@/shared/events";

/** What a run says: its status and progress events, and the words of its warnings and endings. */

/** How the run ends, or why it stops early. */
export const messages = {
  noRepositories: "No repositories found. Try broadening your filters.",
  allFiltered: "All repos filtered out. Try adjusting your filters.",
  cancelled: "The search was cancelled.",
  resumed: (attempt: number) =>
    `Resuming the search after its worker stopped (attempt ${attempt}); what was analyzed is kept.`,
  failed: "The search failed unexpectedly. Please try again.",
  skippedDismissed: (count: number) =>
    `Skipped ${formatCountOf(count, "repo", "repos")} you marked not interested`,
  outOfTime: (limit: string) =>
    `The search did not finish within its time limit of ${limit} (SCOUT_RUN_TIMEOUT_MS), and had no results yet. GitHub or the LLM server may be slow; try again later.`,
  stoppedAtTimeLimit: (limit: string, left: string) =>
    `The search reached its time limit of ${limit} (SCOUT_RUN_TIMEOUT_MS) and stopped with what it had; not analyzed: ${left}.`,
  nothingAnalyzed: (count: number, causes: readonly string[]) =>
    `None of the ${count} repositories could be analyzed. ${causes.join(" ")}`,
};

/** What the fetch-and-analyze stage says as groups arrive and analyses come back. */
export const stageMessages = {
  allStarterIssuesClaimed:
    "Every open starter issue it lists is already claimed (assigned, or an open pull request will close it).",
  droppedByReadme: (dropped: number, passed: number) =>
    `${formatCountOf(dropped, "repo", "repos")} filtered out by ${pluralize(dropped, "its README and contents", "their READMEs and contents")}; ${passed} repos passed filters`,
  unverifiedStarterIssues: (names: readonly string[]) =>
    `Could not check that ${describeRepos(names)} still ${names.length === 1 ? "has" : "have"} an unclaimed starter issue; kept, since GitHub counts starter-labelled issues for ${names.length === 1 ? "it" : "them"}.`,
  withUnclaimedStarterIssues: (kept: number, screened: number) =>
    `${kept} of ${screened} repos have unclaimed starter issues`,
  analyzing: (count: number) => `Analyzing ${count} repos...`,
  noUsableAnswer: (names: readonly string[]) =>
    `The analyzer gave no usable answer for ${describeRepos(names)}; skipped.`,
  analysisLost: (names: readonly string[], outcome: "failed" | "timed-out") =>
    `Analysis of ${describeRepos(names)} ${outcome === "timed-out" ? "timed out" : "failed"}; skipped.`,
  /** Said when a run whose every candidate was skipped names its cause. */
  unusableAnswerCause: "The analyzer gave no usable answer.",
};

type StatusEvent = Extract<ScoutEvent, { type: "status" }>;

export function buildStatus(
  phase: Phase,
  message: string,
  counts: Pick<StatusEvent, "discovered" | "passed"> = {},
): StatusEvent {
  return { type: "status", phase, message, ...counts };
}

export function buildProgress(analyzed: number, total: number): ScoutEvent {
  return {
    type: "progress",
    phase: "analyzing",
    analyzed,
    total,
    message: `Analyzed ${analyzed}/${total} repos...`,
  };
}

export function describeRepos(names: readonly string[]): string {
  if (names.length <= 3) return names.join(", ");
  return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

/** Why an analysis batch was lost, in words safe to show: the analyzer's own errors are written for users. */
export function describeAnalysisFailure(
  error: unknown,
  outcome: "failed" | "timed-out",
  timeoutMs: number,
): string {
  if (outcome === "timed-out")
    return `The analysis took longer than ${formatDuration(timeoutMs)} (SCOUT_ANALYSIS_TIMEOUT_MS).`;
  return error instanceof AppError
    ? error.message
    : "The analysis failed; the details are in the server log.";
}

/** Why the run failed, in words safe to show: domain errors carry messages written for users; anything else could leak internals. */
export function describeRunFailure(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return messages.failed;
}
