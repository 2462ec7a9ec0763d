import type { Analyzer, AnalyzeBatchInput, AnalyzeBatchOutput } from "@/server/analysis/analyzer";
import { buildContributions } from "@/server/analysis/heuristic/heuristic-contributions";
import { scoreFit } from "@/server/analysis/heuristic/heuristic-fit-score";
import { buildReason } from "@/server/analysis/heuristic/heuristic-reason";
import { rejectNonProject, rejectOutsideDomain } from "@/server/analysis/heuristic/heuristic-rejection";
import { collectRepoSignals, matchGoals } from "@/server/analysis/heuristic/heuristic-repo-signals";
import type { AnalysisResult } from "@/shared/analysis";
import type { RepoMetadata } from "@/shared/repos";

/**
 * The built-in analyzer (`SCOUT_ANALYZER=heuristic`): no model, no network. It scores up to six explainable
 * signals per repository (heuristic-repo-signals.ts) and writes the reason from the strongest of them
 * (heuristic-reason.ts). When the candidate's details loaded, it also weighs how welcoming the project is
 * (health numbers only, never issue text; more for beginners), picks up to three unclaimed starter issues
 * for the developer (heuristic-issues.ts), and names them in its contributions (heuristic-contributions.ts).
 * The score is heuristic-fit-score.ts's; the turn-downs and their wording are heuristic-rejection.ts's.
 */

function analyzeRepos(input: AnalyzeBatchInput & { now: Date }): AnalysisResult[] {
  const { profile, repos, readmes, contents, now } = input;
  const readmeOf = (repo: RepoMetadata): string | null => readmes.get(repo.fullName) ?? null;
  const goalMatches = matchGoals({ profile, repos, readmeOf });

  return repos.map((repo, index) => {
    const readme = readmeOf(repo);
    const nonProject = rejectNonProject({ repo, readme, contents: contents?.get(repo.fullName) ?? null });
    if (nonProject) return nonProject;

    const goals = goalMatches[index] ?? null;
    const signals = collectRepoSignals({ repo, readme, profile, goals, now });
    const outsideDomain = rejectOutsideDomain({ repo, signals });
    if (outsideDomain) return outsideDomain;

    return {
      repo: repo.fullName,
      fitScore: scoreFit({ signals, profile }),
      reason: buildReason({ repo, profile, signals }),
      contributions: buildContributions({ repo, profile, signals }),
      reject: false,
      rejectReason: null,
      ...(signals.picks === null
        ? {}
        : { pickedIssues: signals.picks.map(({ issue, why }) => ({ number: issue.number, why })) }),
    };
  });
}

/** Bump whenever the scoring changes: stored analyses keyed on an older version are not reused. */
export const HEURISTIC_ANALYZER_VERSION = "heuristic-2";

/**
 * The deterministic built-in analyzer. `now` fixes the clock that activity is measured against; the
 * same profile, analysis batch, READMEs and clock always give the same results.
 */
export function createHeuristicAnalyzer(options: { now?: () => Date } = {}): Analyzer {
  const now = options.now ?? (() => new Date());
  return {
    kind: "heuristic",
    model: null,
    promptVersion: HEURISTIC_ANALYZER_VERSION,
    // Scoring is synchronous and fast (a few ms for 50 repos), so checking the signal once up front is
    // enough: nothing is left in flight to cancel afterwards. Inside the executor, that throw is a rejection.
    analyzeBatch: (input: AnalyzeBatchInput) =>
      new Promise<AnalyzeBatchOutput>((resolve) => {
        input.signal?.throwIfAborted();
        const results = analyzeRepos({ ...input, now: now() });
        for (const result of results) input.onResult?.(result);
        resolve({ results, skipped: [], usage: { inputTokens: 0, outputTokens: 0 } });
      }),
  };
}
