import type { AnalysisProfile } from "@/server/analysis/analyzer";
import {
  rankStarterIssues,
  scoreWelcome,
  type RankedIssue,
  type WelcomeSignal,
} from "@/server/analysis/heuristic/heuristic-issues";
import {
  scoreActivity,
  scoreLanguageMatch,
  scoreSkillFit,
  scoreTopicMatch,
  type ActivitySignal,
  type LanguageSignal,
  type SkillSignal,
  type TopicSignal,
} from "@/server/analysis/heuristic/heuristic-signals";
import {
  findContributionIdeas,
  hasContributingSection,
  parseReadmeSections,
  type ContributionIdea,
} from "@/server/analysis/heuristic/readme-sections";
import {
  scoreBm25,
  tokenizeText,
  tokenizeTextWithSurface,
  type Bm25Match,
} from "@/server/analysis/heuristic/text-relevance";
import { unclaimedStarterIssues } from "@/server/filtering/starter-issue-requirement";
import type { RepoMetadata } from "@/shared/repos";
import { hasBeginnerLabel, hasHelpWantedLabel } from "@/shared/starter-labels";

/**
 * Everything the built-in analyzer knows about one repository, gathered once so that the score, the reason,
 * the contributions and the rejection all read the same signals. The single signals are scored in
 * heuristic-signals.ts and heuristic-issues.ts; this file puts them together.
 */

export type GoalSignal = Bm25Match & { applies: boolean; quoted: string[] };

export type RepoSignals = {
  language: LanguageSignal;
  /** How fast maintainers answer and whether outsiders get merged; null score without health. */
  welcome: WelcomeSignal;
  /** The unclaimed starter issues picked for this developer, when the details loaded. */
  picks: RankedIssue[] | null;
  topics: TopicSignal;
  goals: GoalSignal | null;
  skill: SkillSignal;
  activity: ActivitySignal;
  hasReadme: boolean;
  ideas: ContributionIdea[];
};

/** Goal filler that every goal shares and says nothing about the domain. */
const goalFillerWords: ReadonlySet<string> = new Set(
  (
    "want wants wanted wanting would like love enjoy interested interest interests looking look find contribute " +
    "contributing contribution contributions contributor project projects open source opensource oss help helping " +
    "improve improving better good great first issue issues beginner beginners friendly level experience " +
    "experienced skill skills learn learning work working things thing stuff new something really mostly " +
    "especially ideally prefer maybe code coding developer programming software github repo repos repository " +
    "repositories get getting make making start started"
  ).split(" "),
);

/**
 * Below this normalised BM25 score the text only brushes past the goal: one generic goal word ("app")
 * in a README lands near 0.05.
 */
export const GOAL_RELEVANCE_FLOOR = 0.08;

function buildDocumentText(repo: RepoMetadata, readme: string | null): string {
  return [
    repo.name.replace(/[-_.]+/g, " "),
    repo.description ?? "",
    repo.topics.join(" ").replace(/-/g, " "),
    readme ?? "",
  ].join("\n");
}

/**
 * How each repository of the analysis batch matches the profile's goals, in batch order; null for every
 * repository when the goals hold no domain words. Scored over the whole analysis batch at once, because
 * BM25 weighs a word by how rare it is among the documents.
 */
export function matchGoals(options: {
  profile: AnalysisProfile;
  repos: readonly RepoMetadata[];
  readmeOf: (repo: RepoMetadata) => string | null;
}): Array<GoalSignal | null> {
  const { profile, repos, readmeOf } = options;
  const goalTokens = tokenizeTextWithSurface(profile.goals, { extraStopWords: goalFillerWords });
  if (goalTokens.length === 0) return repos.map(() => null);
  const surfaceOf = new Map<string, string>();
  for (const token of goalTokens) if (!surfaceOf.has(token.stem)) surfaceOf.set(token.stem, token.surface);
  const matches = scoreBm25({
    queryTerms: goalTokens.map((token) => token.stem),
    documents: repos.map((repo) => tokenizeText(buildDocumentText(repo, readmeOf(repo)))),
  });
  return repos.map((_, index) => {
    const match = matches[index];
    if (!match) return null;
    return {
      ...match,
      applies: true,
      // Quoting words the text only brushes past would claim a match the score does not back.
      quoted:
        match.normalized >= GOAL_RELEVANCE_FLOOR
          ? match.matchedTerms.map((stem) => surfaceOf.get(stem) ?? stem)
          : [],
    };
  });
}

/** The friendliness counts: unclaimed starter issues when the details loaded, else discovery's counts. */
function countStarterIssues(repo: RepoMetadata): Pick<RepoMetadata, "goodFirstIssues" | "helpWantedIssues"> {
  if (repo.starterIssues === undefined) return repo;
  const unclaimed = unclaimedStarterIssues(repo);
  return {
    goodFirstIssues: unclaimed.filter((issue) => hasBeginnerLabel(issue.labels)).length,
    helpWantedIssues: unclaimed.filter((issue) => hasHelpWantedLabel(issue.labels)).length,
  };
}

/** One repository's signals; `goals` comes from matchGoals, which needs the whole analysis batch. */
export function collectRepoSignals(options: {
  repo: RepoMetadata;
  readme: string | null;
  profile: AnalysisProfile;
  goals: GoalSignal | null;
  now: Date;
}): RepoSignals {
  const { repo, readme, profile, goals, now } = options;
  const sections = readme === null ? [] : parseReadmeSections(readme);
  return {
    language: scoreLanguageMatch({ profileLanguages: profile.languages, repo }),
    topics: scoreTopicMatch({ profileTopics: profile.topics, repo }),
    goals,
    skill: scoreSkillFit({
      skillLevel: profile.skillLevel,
      repo: { ...repo, ...countStarterIssues(repo) },
      hasReadme: readme !== null,
      hasContributingGuide: hasContributingSection(sections) || repo.health?.hasContributingGuide === true,
    }),
    welcome: scoreWelcome(repo.health),
    picks:
      repo.starterIssues === undefined
        ? null
        : rankStarterIssues({ issues: repo.starterIssues, profile, now, goalStopWords: goalFillerWords }),
    activity: scoreActivity({ pushedAt: repo.pushedAt, now }),
    hasReadme: readme !== null,
    ideas: findContributionIdeas({ sections, max: 3 }),
  };
}
