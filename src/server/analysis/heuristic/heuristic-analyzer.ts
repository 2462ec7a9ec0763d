import { capitalize, formatCountOf } from "@/lib/words";
import type {
  AnalysisProfile,
  Analyzer,
  AnalyzeBatchInput,
  AnalyzeBatchOutput,
} from "@/server/analysis/analyzer";
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
  rankStarterIssues,
  scoreWelcome,
  welcomeWeightBySkill,
  type RankedIssue,
  type WelcomeSignal,
} from "@/server/analysis/heuristic/heuristic-issues";
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
import { detectNonProjectRepo } from "@/server/filtering/detect-non-project-repo";
import { unclaimedStarterIssues } from "@/server/filtering/starter-issue-requirement";
import { STARTER_ISSUES_PER_REPO } from "@/server/sources/github/details-query";
import { hasBeginnerLabel, hasHelpWantedLabel } from "@/shared/starter-labels";
import { describeResponsiveness } from "@/lib/health-words";
import type { AnalysisResult } from "@/shared/analysis";
import type { RepoHealth, RepoMetadata } from "@/shared/repos";

/**
 * The built-in analyzer (`SCOUT_ANALYZER=heuristic`): no model, no network. It scores up to six explainable
 * signals per repository and writes the reason from the strongest of them, quoting the literal words it
 * matched, because a keyword match is all it can honestly claim. When the candidate's details loaded, it
 * also weighs how welcoming the project is (health numbers only, never issue text; more for beginners),
 * picks up to three unclaimed starter issues for the developer (heuristic-issues.ts), and names them in
 * its contributions.
 *
 * fitScore = 10 × the weighted mean of the signals that apply, rounded to one decimal. Topic and goal
 * signals drop out (and the others are re-weighted) when the profile has no topics or no goal words, so
 * an empty field neither helps nor hurts. A repository that is kept never scores below 0.1, because 0
 * means rejected.
 */

const signalWeights = { language: 0.3, topics: 0.15, goals: 0.25, skill: 0.15, activity: 0.15 } as const;

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
const GOAL_RELEVANCE_FLOOR = 0.08;
/**
 * A README that covers most goal words once or twice reaches about 0.3 of BM25's saturated ceiling, so
 * 0.3 counts as a full goal match.
 */
const GOAL_FULL_MATCH = 0.3;

type RepoSignals = {
  language: LanguageSignal;
  /** How fast maintainers answer and whether outsiders get merged; null score without health. */
  welcome: WelcomeSignal;
  /** The unclaimed starter issues picked for this developer, when the details loaded. */
  picks: RankedIssue[] | null;
  topics: TopicSignal;
  goals: (Bm25Match & { applies: boolean; quoted: string[] }) | null;
  skill: SkillSignal;
  activity: ActivitySignal;
  hasReadme: boolean;
  ideas: ContributionIdea[];
};

function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

function quoteList(words: readonly string[]): string {
  const quoted = words.map((word) => `"${word}"`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1] ?? ""}`;
}

function buildDocumentText(repo: RepoMetadata, readme: string | null): string {
  return [
    repo.name.replace(/[-_.]+/g, " "),
    repo.description ?? "",
    repo.topics.join(" ").replace(/-/g, " "),
    readme ?? "",
  ].join("\n");
}

function combineScore(signals: RepoSignals, profile: AnalysisProfile): number {
  const parts: Array<readonly [number, number]> = [
    [signalWeights.language, signals.language.score],
    [signalWeights.skill, signals.skill.score],
    [signalWeights.activity, signals.activity.score],
  ];
  if (signals.welcome.score !== null)
    parts.push([welcomeWeightBySkill[profile.skillLevel], signals.welcome.score]);
  if (signals.topics.score !== null) parts.push([signalWeights.topics, signals.topics.score]);
  if (signals.goals?.applies)
    parts.push([signalWeights.goals, Math.min(1, signals.goals.normalized / GOAL_FULL_MATCH)]);
  const totalWeight = parts.reduce((sum, [weight]) => sum + weight, 0);
  const weighted = parts.reduce((sum, [weight, score]) => sum + weight * score, 0);
  return Math.max(0.1, roundToTenth((10 * weighted) / totalWeight));
}

function describeLanguage(signals: RepoSignals, repo: RepoMetadata): string {
  const { language } = signals;
  switch (language.kind) {
    case "main":
      return `written in ${language.repoLanguage ?? ""}, your main language`;
    case "listed":
      return `written in ${language.repoLanguage ?? ""}, one of your languages`;
    case "secondary":
      return `uses ${language.repoLanguage ?? ""} alongside ${repo.primaryLanguage ?? "other languages"}`;
    case "related":
      return `written in ${language.repoLanguage ?? ""}, close to your ${language.profileLanguage ?? ""}`;
    case "none":
      return repo.primaryLanguage
        ? `written in ${repo.primaryLanguage}, which is not among your languages`
        : "no main language detected";
  }
}

function describeIssues(repo: RepoMetadata, profile: AnalysisProfile): string {
  if (repo.starterIssues !== undefined) {
    const unclaimed = unclaimedStarterIssues(repo).length;
    const listed = repo.starterIssues.length;
    // The details list only the most recently updated starter issues; GitHub may count many more.
    if (listed >= STARTER_ISSUES_PER_REPO && Math.max(repo.goodFirstIssues, repo.helpWantedIssues) > listed)
      return `with ${unclaimed} unclaimed among its ${listed} most recently updated starter issues`;
    if (unclaimed > 0)
      return `with ${formatCountOf(unclaimed, "unclaimed starter issue", "unclaimed starter issues")}`;
    if (repo.starterIssues.length > 0) return "whose starter issues are all claimed";
    if (profile.skillLevel === "beginner" && repo.openIssues > 0)
      return `with ${formatCountOf(repo.openIssues, "open issue", "open issues")} but none labelled for newcomers`;
  }
  const labelled: string[] = [];
  if (repo.goodFirstIssues > 0)
    labelled.push(formatCountOf(repo.goodFirstIssues, "good first issue", "good first issues"));
  if (repo.helpWantedIssues > 0)
    labelled.push(formatCountOf(repo.helpWantedIssues, "help-wanted issue", "help-wanted issues"));
  if (labelled.length > 0) return `with ${labelled.join(" and ")}`;
  if (repo.openIssues <= 0) return "with no open issues";
  const open = formatCountOf(repo.openIssues, "open issue", "open issues");
  return profile.skillLevel === "beginner" && repo.openIssues > 0
    ? `with ${open} but none labelled for newcomers`
    : `with ${open}`;
}

function describeActivity(activity: ActivitySignal): { text: string; negative: boolean } | null {
  const days = activity.daysSincePush;
  if (days === null) return { text: "its last push date is unknown", negative: true };
  if (days <= 30) return { text: "it was pushed to within the last month", negative: false };
  if (days <= 90) return { text: "it was pushed to within the last three months", negative: false };
  if (days > 365)
    return {
      text: `it has had no pushes for ${days > 730 ? "over two years" : "over a year"}`,
      negative: true,
    };
  return null;
}

/** The best point in favour, joined with the worst point against (or else the next point in favour). */
function describeSecondSentence(signals: RepoSignals, profile: AnalysisProfile): string {
  const strengths: string[] = [];
  const concerns: string[] = [];
  const { goals, topics, skill } = signals;
  if (goals?.applies && goals.quoted.length > 0) {
    strengths.push(
      `its ${signals.hasReadme ? "README" : "description"} mentions ${quoteList(goals.quoted.slice(0, 3))} from your goals`,
    );
  }
  if (topics.matched.length > 0)
    strengths.push(`it is tagged ${quoteList(topics.matched.slice(0, 3))}, among your topics`);
  else if (topics.mentioned.length > 0)
    strengths.push(`it mentions ${quoteList(topics.mentioned.slice(0, 3))} from your topics`);
  if (profile.skillLevel === "advanced" && skill.deepDomain)
    strengths.push("its deep subject matter suits an experienced contributor");
  if (profile.skillLevel === "beginner" && skill.complexity >= 0.7)
    concerns.push("it is a large codebase, so expect a steep start");
  const activity = describeActivity(signals.activity);
  if (activity) (activity.negative ? concerns : strengths).push(activity.text);

  const [strength, nextStrength] = strengths;
  const [concern] = concerns;
  let summary = "";
  if (strength && concern) summary = `${strength}, but ${concern}`;
  else if (strength) summary = nextStrength ? `${strength}, and ${nextStrength}` : strength;
  else if (concern) summary = concern;

  if (!signals.hasReadme)
    return `It has no README, so this rests on its metadata alone${summary ? `; ${summary}` : ""}.`;
  if (summary === "") return "Its README does not mention your goals or topics.";
  return `${capitalize(summary)}.`;
}

/** The health signals the welcome score used, as a clause: response time first, then outside merges. */
function describeHealth(health: RepoHealth | undefined): string {
  if (!health) return "";
  const outside = health.outsideMergedPrsLast90Days;
  const merged =
    outside === null
      ? ""
      : outside === 0
        ? " and no outside pull request was merged in 90 days"
        : ` and ${formatCountOf(outside, "outside pull request", "outside pull requests")} ${outside === 1 ? "was" : "were"} merged in 90 days`;
  return `; ${describeResponsiveness(health)}${merged}`;
}

function buildReason(repo: RepoMetadata, profile: AnalysisProfile, signals: RepoSignals): string {
  const opening = `${capitalize(describeLanguage(signals, repo))}, ${describeIssues(repo, profile)}${describeHealth(repo.health)}.`;
  return `${opening} ${describeSecondSentence(signals, profile)}`;
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

const MAX_TITLE_CHARS = 90;

function quoteTitle(title: string): string {
  const clean = title.replace(/\s+/g, " ").trim();
  return clean.length <= MAX_TITLE_CHARS ? clean : `${clean.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…`;
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

function buildContributions(repo: RepoMetadata, profile: AnalysisProfile, signals: RepoSignals): string[] {
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

/** The friendliness counts: unclaimed starter issues when the details loaded, else discovery's counts. */
function starterCounts(repo: RepoMetadata): Pick<RepoMetadata, "goodFirstIssues" | "helpWantedIssues"> {
  if (repo.starterIssues === undefined) return repo;
  const unclaimed = unclaimedStarterIssues(repo);
  return {
    goodFirstIssues: unclaimed.filter((issue) => hasBeginnerLabel(issue.labels)).length,
    helpWantedIssues: unclaimed.filter((issue) => hasHelpWantedLabel(issue.labels)).length,
  };
}

function analyzeRepos(input: AnalyzeBatchInput & { now: Date }): AnalysisResult[] {
  const { profile, repos, readmes, now } = input;
  const readmeOf = (repo: RepoMetadata): string | null => readmes.get(repo.fullName) ?? null;

  const goalTokens = tokenizeTextWithSurface(profile.goals, { extraStopWords: goalFillerWords });
  const surfaceOf = new Map<string, string>();
  for (const token of goalTokens) if (!surfaceOf.has(token.stem)) surfaceOf.set(token.stem, token.surface);
  const goalMatches =
    goalTokens.length > 0
      ? scoreBm25({
          queryTerms: goalTokens.map((token) => token.stem),
          documents: repos.map((repo) => tokenizeText(buildDocumentText(repo, readmeOf(repo)))),
        })
      : null;

  return repos.map((repo, index) => {
    const readme = readmeOf(repo);
    const nonProject = detectNonProjectRepo(repo, readme);
    if (nonProject) return buildRejection(repo.fullName, nonProject);

    const sections = readme === null ? [] : parseReadmeSections(readme);
    const match = goalMatches?.[index];
    const signals: RepoSignals = {
      language: scoreLanguageMatch({ profileLanguages: profile.languages, repo }),
      topics: scoreTopicMatch({ profileTopics: profile.topics, repo }),
      goals: match
        ? {
            ...match,
            applies: true,
            quoted:
              match.normalized >= GOAL_RELEVANCE_FLOOR
                ? match.matchedTerms.map((stem) => surfaceOf.get(stem) ?? stem)
                : [],
          }
        : null,
      skill: scoreSkillFit({
        skillLevel: profile.skillLevel,
        repo: { ...repo, ...starterCounts(repo) },
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

    const topicOverlap = signals.topics.matched.length + signals.topics.mentioned.length > 0;
    const goalRelevant = (signals.goals?.normalized ?? 0) >= GOAL_RELEVANCE_FLOOR;
    if (signals.language.kind === "none" && !topicOverlap && !goalRelevant) {
      const written = repo.primaryLanguage ? `it is written in ${repo.primaryLanguage} and ` : "it ";
      return buildRejection(
        repo.fullName,
        `Outside your domain: ${written}shares none of your languages, topics or goals.`,
      );
    }

    return {
      repo: repo.fullName,
      fitScore: combineScore(signals, profile),
      reason: buildReason(repo, profile, signals),
      contributions: buildContributions(repo, profile, signals),
      reject: false,
      rejectReason: null,
      ...(signals.picks === null
        ? {}
        : { pickedIssues: signals.picks.map(({ issue, why }) => ({ number: issue.number, why })) }),
    };
  });
}

/**
 * The deterministic built-in analyzer. `now` fixes the clock that activity is measured against; the
 * same profile, batch, READMEs and clock always give the same results.
 */
/** Bump whenever the scoring below changes: stored analyses keyed on an older version are not reused. */
export const HEURISTIC_ANALYZER_VERSION = "heuristic-1";

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
