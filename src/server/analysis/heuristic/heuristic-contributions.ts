import { formatCountOf } from "@/lib/words";
import type { AnalysisProfile } from "@/server/analysis/analyzer";
import type { RepoSignals } from "@/server/analysis/heuristic/heuristic-repo-signals";
import type { ContributionIdea } from "@/server/analysis/heuristic/readme-sections";
import type { RepoMetadata } from "@/shared/repos";

/**
 * The built-in analyzer's contribution suggestions: up to three, from the starter issues it picked (or the
 * label counts) and the plans the README lists, interleaved so both kinds show.
 */

const MAX_TITLE_CHARS = 90;

function quoteTitle(title: string): string {
  const clean = title.replace(/\s+/g, " ").trim();
  return clean.length <= MAX_TITLE_CHARS ? clean : `${clean.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…`;
}

function describeIdea(idea: ContributionIdea): string {
  switch (idea.kind) {
    case "roadmap":
      return `Take on the roadmap item "${idea.text}" from the README.`;
    case "todo":
      return `Tackle the README's TODO "${idea.text}".`;
    case "open-problems":
      return `Look into the open problem "${idea.text}" listed in the README.`;
    case "contributing":
      return `Help with "${idea.text}", which the README's contributing section asks for.`;
  }
}

/**
 * Suggestions that point at issues: the picked ones by number when the details loaded (so a claimed issue
 * is never suggested, even by its label count), else the discovery label counts.
 */
function describeIssueSuggestions(repo: RepoMetadata, signals: RepoSignals): string[] {
  if (signals.picks !== null)
    return signals.picks
      .slice(0, 2)
      .map(({ issue }) => `Take on #${issue.number} "${quoteTitle(issue.title)}".`);
  const labels: string[] = [];
  if (repo.goodFirstIssues === 1) labels.push('Pick up the open issue labelled "good first issue".');
  else if (repo.goodFirstIssues > 1)
    labels.push(`Pick one of the ${repo.goodFirstIssues} issues labelled "good first issue".`);
  if (repo.helpWantedIssues === 1) labels.push('Look at the open issue labelled "help wanted".');
  else if (repo.helpWantedIssues > 1)
    labels.push(`Look through the ${repo.helpWantedIssues} issues labelled "help wanted".`);
  return labels;
}

export function buildContributions(options: {
  repo: RepoMetadata;
  profile: AnalysisProfile;
  signals: RepoSignals;
}): string[] {
  const { repo, profile, signals } = options;
  const labels = describeIssueSuggestions(repo, signals);
  const ideas = signals.ideas.map(describeIdea);

  // Beginners start from labelled issues; others from the project's own plans.
  const [first, second] = profile.skillLevel === "beginner" ? [labels, ideas] : [ideas, labels];
  const suggestions: string[] = [];
  for (let index = 0; index < Math.max(first.length, second.length); index += 1) {
    const a = first[index];
    const b = second[index];
    if (a) suggestions.push(a);
    if (b) suggestions.push(b);
  }
  if (!signals.hasReadme)
    suggestions.push(
      "Write a README that explains what the project does and how to run it; it has none yet.",
    );
  if (suggestions.length < 2 && repo.openIssues > 0) {
    suggestions.push(
      `Browse the ${formatCountOf(repo.openIssues, "open issue", "open issues")} for a bug you can reproduce and fix.`,
    );
  }
  if (suggestions.length === 0)
    suggestions.push("Add tests or examples for the features its README describes.");
  return suggestions.slice(0, 3);
}
